using ContactSync.Core.Runs;
using Microsoft.Extensions.Logging;

namespace ContactSync.Worker.Jobs;

/// <summary>The sync jobs' log messages, event ids 3000–3099.</summary>
internal static partial class JobLogMessages
{
    [LoggerMessage(3001, LogLevel.Information,
        "Sync of {Source} run {RunId} finished {Outcome}: {Total} records, {Rejected} rejected, {Failed} failed, in {Duration}")]
    public static partial void RunFinished(
        ILogger logger, string source, Guid runId, string outcome, int total, int rejected, int failed, TimeSpan duration);
}
