using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Ledger;

/// <summary>
/// How long after a record's call was claimed that call may still be under way: the Nexudus client gives up a call,
/// with all its retries and its answer read, after <see cref="NexudusOptions.TotalTimeout"/>. Until then no run looks
/// the record up or sends it again; a create in doubt may land after a look-up. An update is two calls (GET, then PUT),
/// so its claim lasts twice as long. The claimant writes the end into <c>in_flight_until</c>, so every replica honours
/// the claimant's own timeouts; rows claimed before that column use this from their claim time.
/// </summary>
public static class ClaimWindow
{
    /// <summary>Beyond the client's total timeout: a server may still be finishing a request whose client gave up.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    public static TimeSpan For(NexudusOptions options) => For(options, ClaimKind.Create);

    public static TimeSpan For(NexudusOptions options, ClaimKind kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (kind == ClaimKind.Update ? options.TotalTimeout * 2 : options.TotalTimeout) + Slack;
    }
}
