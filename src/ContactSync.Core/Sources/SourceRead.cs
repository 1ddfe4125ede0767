using ContactSync.Core.Companies;

namespace ContactSync.Core.Sources;

/// <summary>
/// One read of a source: its scope, and the run's view of which contract each company is on, loaded on first use and
/// then shared by the source (which companies to read) and the sync (which contract a contact goes on).
/// </summary>
public sealed class SourceRead
{
    private readonly Func<CancellationToken, Task<CompanyContracts>> _load;
    private Task<CompanyContracts>? _contracts;

    public SourceRead(SourceScope scope, Func<CancellationToken, Task<CompanyContracts>> contracts)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(contracts);
        Scope = scope;
        _load = contracts;
    }

    /// <summary>A read of everything with no contract resolution: what a file source needs in a test.</summary>
    public static SourceRead Everything { get; } = new(SourceScope.All, _ => Task.FromResult(CompanyContracts.None));

    public SourceScope Scope { get; }

    public Task<CompanyContracts> ContractsAsync(CancellationToken cancellationToken) => _contracts ??= _load(cancellationToken);
}
