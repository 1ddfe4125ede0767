using ContactSync.Core;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Postgres;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sync;
using ContactSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NSubstitute;

namespace ContactSync.IntegrationTests.Sync;

/// <summary>
/// The Core services over a real PostgreSQL database, with Nexudus substituted at its client boundary:
/// for ledger and protocol tests that script exactly what Nexudus answers.
/// </summary>
internal sealed class LedgerHarness : IAsyncDisposable
{
    public const string SourceName = "test";

    private readonly ServiceProvider _services;
    private readonly TempDirectory _directory = new();
    private int _nextId = 80_000;

    private LedgerHarness(string connectionString)
    {
        CsvPath = Path.Combine(_directory.Path, "contacts.csv");
        Client = Substitute.For<INexudusClient>();
        Client.CreateContractContactAsync(default!, default)
            .ReturnsForAnyArgs(_ => WriteResult.Success(Interlocked.Increment(ref _nextId)));
        Client.ListContractContactsAsync(default, default).ReturnsForAnyArgs([]);
        Client.ListAllContractContactsAsync(default).ReturnsForAnyArgs([]);
        Client.ListCountriesAsync(default).ReturnsForAnyArgs([new Country(1101, "United Kingdom", "GB")]);

        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(Client);
        services.AddContactSyncCore();

        // As the worker has it: the options bound from configuration, which each source's factory reads its section of.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ContactSync:MaxParallelContracts"] = "3",
            ["ContactSync:Sources:0:Name"] = SourceName,
            ["ContactSync:Sources:0:Type"] = nameof(SourceType.Csv),
            ["ContactSync:Sources:0:Path"] = CsvPath,
            ["ContactSync:Sources:0:Schedule"] = "0 * * * *",
        }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.Configure<ContactSyncOptions>(configuration.GetSection(ContactSyncOptions.SectionName));
        _services = services.BuildServiceProvider();
    }

    public INexudusClient Client { get; }

    public string CsvPath { get; }

    public NpgsqlDataSource DataSource => _services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<LedgerHarness> CreateAsync(PostgresServer postgres)
    {
        var harness = new LedgerHarness(await postgres.CreateDatabaseAsync("ledger"));
        await harness._services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    public Task WriteCsvAsync(params string[] rows)
        => File.WriteAllLinesAsync(CsvPath, ["source_id,coworker_contract_id,contact_type,full_name,email,date_of_birth,country", .. rows]);

    public Task<SyncRunSummary> RunAsync(CancellationToken cancellationToken = default)
        => _services.GetRequiredService<SyncRunner>().RunAsync(SourceName, "test", cancellationToken);

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default : (T?)value;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _directory.Dispose();
    }
}
