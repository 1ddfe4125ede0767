namespace ContactSync.Sandbox.Faults;

/// <summary>What happens to one request: added latency, then at most one fault.</summary>
internal sealed record FaultPlan(TimeSpan Latency, FaultKind? Fault)
{
    public static readonly FaultPlan None = new(TimeSpan.Zero, null);
}
