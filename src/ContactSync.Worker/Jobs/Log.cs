using ContactSync.Core.Runs;
using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Jobs;

internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information,
        "Sync of {Source} run {RunId} finished {Outcome}: {Total} records, {Rejected} rejected, {Failed} failed, in {Duration}")]
    public static partial void RunFinished(
        ILogger logger, string source, Guid runId, SyncRunOutcome outcome, int total, int rejected, int failed, TimeSpan duration);
}
