namespace ContactSync.Core.Sources.Csv;

/// <summary>Limits that keep a hostile or broken file from costing unbounded memory.</summary>
public sealed record CsvContactSourceOptions
{
    /// <summary>A field longer than this many characters rejects its row.</summary>
    public int MaxFieldLength { get; init; } = 4096;

    /// <summary>
    /// A row longer than this many bytes rejects the row without being buffered whole; the reader skips
    /// to the next line. The default sits well above a row of thirteen maximal fields, so an over-long
    /// field is normally reported by its column rather than by this cruder limit.
    /// </summary>
    public int MaxRowBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// A file modified less than this long ago whose last line has no line break is taken to be still being written,
    /// and its read to be incomplete (the next run reads it again). An older one is read as it is.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CsvContactSourceOptions Default { get; } = new();
}
