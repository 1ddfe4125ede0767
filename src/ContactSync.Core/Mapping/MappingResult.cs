using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Mapping;

/// <summary>
/// What became of one source entry: a payload ready to sync, or a rejection an operator can read.
/// Bad data is a result, not an exception, so one bad row never stops the others.
/// </summary>
public abstract record MappingResult(long LineNumber);

public sealed record MappedContact(string SourceId, long LineNumber, ContractContactPayload Payload) : MappingResult(LineNumber);

/// <summary>
/// A row that cannot be synced. <see cref="SourceId"/> is null when the row has no usable id. The reason
/// names columns and problems, never values: it is shown on the dashboard and stored with the run.
/// </summary>
public sealed record Rejection(long LineNumber, string? SourceId, string Reason) : MappingResult(LineNumber);
