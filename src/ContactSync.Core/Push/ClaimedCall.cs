using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Push;

/// <summary>
/// The shape of every call about a record: claim it (refused when the record changed since the run read it, or the run
/// lost its source, which throws), make the call under the claim, and release the claim when the call provably was not
/// processed. The settlement that follows a call is the caller's: it depends on what the call was.
/// </summary>
internal sealed class ClaimedCall(ClaimStore claims, SourceLease lease, ILogger logger)
{
    /// <returns>The claim, or null when it was refused (logged; the record is left as it is for a later run).</returns>
    public async Task<RecordClaim?> ClaimAsync(PendingRecord record, long version, ClaimKind kind, CancellationToken cancellationToken)
    {
        if (await claims.ClaimAsync(lease, record, version, kind, cancellationToken) is { } claim)
        {
            return claim;
        }

        await lease.ThrowIfLostAsync(cancellationToken);
        RunLogMessages.ClaimRefused(logger, lease.Source, record.SourceId);
        return null;
    }

    /// <summary>
    /// Runs a call under a claim. The failures that stop a run (budget spent, configuration refused, Nexudus
    /// unavailable) prove the call was not processed, so the claim is released, not left in doubt, before they go on.
    /// </summary>
    public async Task<T> RunAsync<T>(PendingRecord record, ClaimKind kind, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (Exception e) when (e is NexudusBudgetExhaustedException or NexudusConfigurationException or NexudusUnavailableException)
        {
            await claims.ReleaseAsync(lease, record.SourceId, kind, $"Not sent: {e.Message}", CancellationToken.None);
            throw;
        }
    }
}
