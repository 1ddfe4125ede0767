namespace ContactSync.Benchmarks.Reporting;

internal enum Verdict
{
    /// <summary>A figure printed for context; it has no target of its own.</summary>
    Info,
    Pass,
    Fail,
}

/// <summary>One row of the results table: what was measured, what it is held against, and how it fared.</summary>
internal sealed record Figure(string Name, string Measured, string Bound, string Ratio, Verdict Verdict)
{
    public static Figure Check(string name, string measured, string bound, string ratio, bool passed) =>
        new(name, measured, bound, ratio, passed ? Verdict.Pass : Verdict.Fail);
}
