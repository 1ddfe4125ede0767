namespace ContactSync.Core.Nexudus;

/// <summary>How a write to Nexudus ended, as far as ContactSync can know.</summary>
public enum WriteStatus
{
    /// <summary>Nexudus confirmed it; <see cref="WriteResult.Id"/> holds the record's Id.</summary>
    Succeeded,

    /// <summary>Nexudus refused the data (400 or <c>WasSuccessful:false</c>). Not retried until the data changes.</summary>
    Rejected,

    /// <summary>The request may or may not have been applied (timeout, 5xx, connection lost after sending).</summary>
    Ambiguous,

    /// <summary>Certainly not applied (throttled past every retry, connection refused, circuit open); safe to try later.</summary>
    NotApplied,

    /// <summary>The record to update or delete does not exist in Nexudus.</summary>
    NotFound,

    /// <summary>
    /// Not written: the contact was edited in Nexudus since ContactSync last wrote it, and Nexudus's values are kept
    /// (<see cref="WriteResult.EditedFields"/> names what was edited).
    /// </summary>
    Conflict,
}

/// <summary>
/// The outcome of one write. <see cref="Reason"/> is shown to operators, so it never carries personal data:
/// validation errors keep Nexudus's property name and message but not the attempted value.
/// </summary>
public sealed record WriteResult(WriteStatus Status, int? Id = null, string? Reason = null)
{
    /// <summary>For an update: the mapped fields edited in Nexudus since ContactSync last wrote them (names only); empty when none.</summary>
    public IReadOnlyList<string> EditedFields { get; init; } = [];

    /// <summary>For an update: the fields whose value it changed (names only). Empty on a success: Nexudus already held it all, and nothing was sent.</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    public static WriteResult Success(int id) => new(WriteStatus.Succeeded, id);
}
