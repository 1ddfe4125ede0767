namespace ContactSync.Core.Ledger;

/// <summary>
/// The run no longer holds its source: its lease expired before it could be renewed, or another run holds it now.
/// Nothing more may be claimed or written in the run's name; the run ends as lock_lost.
/// </summary>
public sealed class SourceLeaseLostException : Exception
{
    public SourceLeaseLostException(string source, Guid runId, string? reason)
        : base($"Run {runId} lost its lease on source '{source}': {reason ?? "the lease is no longer its own"}")
    {
    }

    public SourceLeaseLostException() : base("The run lost its lease on its source.") { }

    public SourceLeaseLostException(string message) : base(message) { }

    public SourceLeaseLostException(string message, Exception innerException) : base(message, innerException) { }
}
