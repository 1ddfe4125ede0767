using System.Net.Http.Headers;
using System.Text;
using ContactSync.IntegrationTests.HubSpot;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// The operator's API over two sources, set up once for the tests of a class: the CRM's first run (contacts synced,
/// some rejected with reasons) and a CSV source's run (one row synced, one without a key and one cut short, both
/// unkeyed), then a worker serving the dashboard with an operator's Basic login and logs as JSON. No run follows, so
/// the tests read what they like in any order: the ledger stays as <see cref="Ledger"/> holds it.
/// </summary>
public sealed class OperatorApiWorker(PostgresServer postgres, IMessageSink sink) : IAsyncLifetime
{
    public const string Username = "operator";
    public const string Password = "operator-password-1";

    private CrmRig? _rig;
    private TempDirectory? _directory;
    private WorkerProcess? _worker;
    private HttpClient? _operator;
    private HttpClient? _anonymous;

    public ScenarioLog Log { get; } = new(sink);

    /// <summary>The CRM source's records once both runs are done: key → status.</summary>
    public IReadOnlyDictionary<string, string> Ledger { get; private set; } = new Dictionary<string, string>();

    public WorkerProcess Process => _worker ?? throw new InvalidOperationException("not started");

    /// <summary>A client signed in as the operator (Basic).</summary>
    public HttpClient Operator => _operator ?? throw new InvalidOperationException("not started");

    /// <summary>A client with no credentials, as a scraper or a stranger.</summary>
    public HttpClient Anonymous => _anonymous ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _rig = await CrmRig.StartAsync(postgres, Log);
        _directory = new TempDirectory("contactsync-api-");
        var csv = Path.Combine(_directory.Path, "contacts.csv");
        await File.WriteAllTextAsync(csv,
            "source_id,coworker_contract_id,contact_type,full_name\n" +
            "a-1,1001,Director,Ada Lovelace\n" +
            ",1001,Director,No Key\n" +
            "a-3,1001,Director,\"Unclosed\n");
        var environment = _rig.Environment("Upsert");
        CrmRig.AddCsvSource(environment, "file", csv);
        await _rig.SyncOnceAsync(environment);
        await _rig.SyncOnceAsync(environment, "file");
        Ledger = (await _rig.RecordsAsync()).ToDictionary(record => record.Key, record => record.Value.Status, StringComparer.Ordinal);

        environment["Dashboard__Username"] = Username;
        environment["Dashboard__Password"] = Password;
        environment["Logging__Format"] = "json";
        var address = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/");
        _worker = new WorkerProcess(environment, "run", "--urls", address.ToString().TrimEnd('/'));
        _worker.Start();
        await DashboardLogins.WaitForHealthAsync(_worker, address);
        Log.WriteLine("the dashboard answers");

        _anonymous = new HttpClient { BaseAddress = address };
        _operator = new HttpClient { BaseAddress = address };
        _operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
    }

    public async Task DisposeAsync()
    {
        _operator?.Dispose();
        _anonymous?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _directory?.Dispose();
    }
}
