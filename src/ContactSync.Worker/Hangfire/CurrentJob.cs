using Hangfire.Server;

namespace ContactSync.Worker.Hangfire;

/// <summary>
/// The Hangfire job the calling code runs in, so a run can record its job and the dashboard link the two. Set by a
/// server filter around each job: the filter and the job's method run in one call chain, so the value flows into it.
/// </summary>
internal sealed class CurrentJob : IServerFilter
{
    private static readonly AsyncLocal<string?> s_id = new();

    public static string? Id => s_id.Value;

    public void OnPerforming(PerformingContext context) => s_id.Value = context.BackgroundJob.Id;

    public void OnPerformed(PerformedContext context) => s_id.Value = null;
}
