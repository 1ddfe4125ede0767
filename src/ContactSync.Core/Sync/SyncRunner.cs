namespace ContactSync.Core.Sync;

/// <summary>One pass over one source: read, map, plan, push, record. Used by the Hangfire job and by <c>sync-once</c>.</summary>
public sealed class SyncRunner
{
    public Task<SyncRunSummary> RunAsync(string sourceName, CancellationToken cancellationToken)
        => throw new NotImplementedException("skeleton");
}
