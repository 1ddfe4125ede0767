using ContactSync.Core.Sync;
namespace ContactSync.Core.Runs;

/// <summary>Where one record ended after the push.</summary>
public enum PushOutcome
{
    Created,
    Updated,
    Adopted,

    /// <summary>Linked to the contact already on its contract (or held under its former key): nothing was created.</summary>
    Linked,
    Rejected,
    Failed,

    /// <summary>Updated, over edits made in Nexudus since ContactSync last wrote the contact (Conflicts=SourceWins; recorded).</summary>
    UpdatedOverConflict,

    /// <summary>Not updated: edited in Nexudus, and Nexudus's values kept (Conflicts=NexudusWins); for an operator.</summary>
    Conflict,

    /// <summary>Gone from the source, and its contact removed from Nexudus (Mirror).</summary>
    Removed,

    /// <summary>
    /// Overtaken: the record changed after the run read it (a newer read, or another run, is dealing with it), so this
    /// run sent nothing for it. Not a run's <see cref="RunOutcome.Skipped"/>, which is a whole run that found its source
    /// leased to another.
    /// </summary>
    Overtaken,

    /// <summary>Not written: the contact is shared with a source that ranks above this one, and that source writes it.</summary>
    Deferred,

    /// <summary>Gone from the source (Mirror), but its contact stays in Nexudus: another source still holds it.</summary>
    LetGo,
}
