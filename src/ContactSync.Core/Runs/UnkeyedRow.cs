using ContactSync.Core.Runs;
namespace ContactSync.Core.Runs;

/// <summary>
/// Something of a source rejected before it had a usable key, so it has no ledger record: an unreadable row, a row
/// without a valid source_id, a repeated source_id, or a company whose contacts could not be read. Kept with its run
/// (<c>sync_rejections</c>) and shown to operators. The reason names columns and companies, never personal data.
/// </summary>
/// <param name="SourceId">The repeated key of a repeat; null when the row had none.</param>
/// <param name="Company">The company whose contacts could not be read; null for a row.</param>
public sealed record UnkeyedRow(long Line, string? SourceId, string Reason, string? Company = null)
{
    /// <summary>A row that could be any record at all: while one exists, no record counts as gone from the source.</summary>
    public bool CouldBeAnyRecord => SourceId is null && Company is null;
}
