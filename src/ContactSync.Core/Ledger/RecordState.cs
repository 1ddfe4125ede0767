namespace ContactSync.Core.Ledger;

/// <summary>
/// A record's state: the one spelling of each, as <c>sync_records.status</c> and <c>record_events.outcome</c> store it
/// and as the pages, the operator's API, the metrics and the alerts show it. SQL text takes these constants
/// (<c>'{RecordState.Pending}'</c>), so a partial index's predicate still matches a query's literal.
/// </summary>
public static class RecordState
{
    /// <summary>Read, and waiting for a run to send it.</summary>
    public const string Pending = "pending";

    /// <summary>Claimed by a run whose call is under way (or was, when the run died: see <c>in_doubt</c>).</summary>
    public const string InFlight = "in_flight";

    /// <summary>In Nexudus as the source last said.</summary>
    public const string Synced = "synced";

    /// <summary>Not sendable as the source says it (a mapping error, or Nexudus refused it); waits for a source edit or a retry.</summary>
    public const string Rejected = "rejected";

    /// <summary>Nexudus failed it; the next run tries it again.</summary>
    public const string Failed = "failed";

    /// <summary>Gone from the source; another record, the same person under a new key, holds its contact now.</summary>
    public const string Superseded = "superseded";

    /// <summary>Edited in Nexudus since ContactSync wrote it, and kept so (Conflicts=NexudusWins): for an operator.</summary>
    public const string Conflict = "conflict";

    /// <summary>Gone from the source, and its contact deleted from Nexudus (Mirror).</summary>
    public const string Removed = "removed";

    /// <summary>
    /// Its contact was deleted in Nexudus by somebody else, and this mode does not create it again (CreateOnly). The
    /// pages and the API count and list it with <see cref="Rejected"/> (<see cref="Shown"/>).
    /// </summary>
    public const string Gone = "gone";

    /// <summary>
    /// Held by its source but not verified there (a KYC review not approved yet): nothing is sent for it, a contact
    /// already written for it stays, and it is neither a rejection nor a failure.
    /// </summary>
    public const string Unverified = "unverified";

    /// <summary>
    /// Not stored: the records whose removal the source's latest run held back (a run that ended
    /// <see cref="Runs.RunOutcome.Held"/>); the pages and the API filter by it.
    /// </summary>
    public const string Held = "held";

    /// <summary>Not stored: the rows of a source's latest run rejected before they had a usable key (<c>sync_rejections</c>).</summary>
    public const string Unkeyed = "unkeyed";

    /// <summary>Every state a record can be stored in.</summary>
    public static IReadOnlyList<string> Stored { get; } = [Pending, InFlight, Synced, Rejected, Failed, Superseded, Conflict, Removed, Gone, Unverified];

    /// <summary>What the pages and the operator's API filter records by, in the order they list them.</summary>
    public static IReadOnlyList<string> Browsable { get; } =
        [Pending, InFlight, Synced, Failed, Rejected, Unverified, Conflict, Held, Removed, Superseded, Unkeyed];

    /// <summary>The states that need an operator's eye, in the order the attention list and its metric count them.</summary>
    public static IReadOnlyList<string> NeedingAttention { get; } = [Failed, InFlight, Pending, Rejected, Conflict, Unkeyed];

    /// <summary>How a stored state is shown: <see cref="Gone"/> as <see cref="Rejected"/>, every other as itself.</summary>
    public static string Shown(string state) => state == Gone ? Rejected : state;

    /// <summary>
    /// The states an operator's retry (the dashboard's requeue) sets back to pending: failed,
    /// rejected, and in flight once its run is gone. The pages offer Retry for these only.
    /// </summary>
    public static bool MayRetry(string state) => state is Failed or Rejected or InFlight;
}
