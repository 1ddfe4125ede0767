namespace ContactSync.Worker.Configuration;

/// <summary>
/// Marks the scan of every configured value for the example secret's placeholders (see
/// <see cref="PlaceholderScanValidator"/>); it holds nothing itself.
/// </summary>
internal sealed class PlaceholderScan;
