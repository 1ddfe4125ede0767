namespace ContactSync.Benchmarks.Reporting;

internal static class ResultTable
{
    private static readonly string[] Headings = ["Figure", "Measured", "Bound / target", "Ratio", "Result"];

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<Figure> figures)
    {
        var rows = figures.Select(f => new[] { f.Name, f.Measured, f.Bound, f.Ratio, Describe(f.Verdict) }).ToList();
        var widths = Headings.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        await output.WriteLineAsync(Line(Headings, widths));
        await output.WriteLineAsync(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i is 1 or 3 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "FAIL",
        _ => "info",
    };
}
