namespace ContactSync.Core.Nexudus;

/// <summary>What an update does to a contact edited in Nexudus since ContactSync last wrote it.</summary>
public enum ConflictPolicy
{
    /// <summary>Writes the source's values and records the conflict.</summary>
    SourceWins,

    /// <summary>Keeps Nexudus's values and marks the record <c>conflict</c> for an operator.</summary>
    NexudusWins,
}
