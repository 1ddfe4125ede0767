namespace ContactSync.Sandbox.Faults;

/// <summary>Which API calls a fault may hit: every call, or only POST/PUT/DELETE.</summary>
internal enum FaultScope
{
    All,
    Writes,
}
