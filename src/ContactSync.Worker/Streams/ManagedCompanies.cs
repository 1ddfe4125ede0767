using ContactSync.Core.Contracts;
using ContactSync.Core.Sources.CompaniesHouse;

namespace ContactSync.Worker.Streams;

/// <summary>
/// The companies a source manages, as contract resolution knows them: both streams ask the same question of the same
/// companies, so one view serves both, reloaded once it is older than the resolution's refresh (at least a minute).
/// A load that fails is tried again every 30 seconds; events wait meanwhile.
/// </summary>
internal sealed class ManagedCompanies(
    ContractResolver contracts, CompaniesHouseStreamSettings.Configured stream, TimeSpan refresh, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan RetryLoad = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private HashSet<string>? _companies;
    private long _loadedAt;

    public async Task<bool> ContainsAsync(string company, CancellationToken cancellationToken)
        => (await GetAsync(cancellationToken)).Contains(company);

    private async Task<HashSet<string>> GetAsync(CancellationToken cancellationToken)
    {
        if (_companies is { } fresh && time.GetElapsedTime(_loadedAt) <= refresh)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_companies is null || time.GetElapsedTime(_loadedAt) > refresh)
            {
                _companies = await LoadAsync(cancellationToken);
                _loadedAt = time.GetTimestamp();
            }

            return _companies;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HashSet<string>> LoadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return (await contracts.LoadAsync(stream.ContractMapPath, cancellationToken)).Companies.ToHashSet(StringComparer.Ordinal);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                StreamLogMessages.ListenerFailed(logger, stream.Source, e.GetType().Name);
                await Task.Delay(RetryLoad, time, cancellationToken);
            }
        }
    }
}
