using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>
/// A HubSpot source (and, for the cross-source tests, the register beside it) against the Sandbox's CRM, register and
/// Nexudus, over HTTP, with its own database. Seeded company N is HubSpot company 2000000+N, with its register number
/// in <c>company_number</c>; its contacts are 100000+10N+k.
/// </summary>
internal sealed class CrmRig : IAsyncDisposable
{
    public const string Crm = "crm";
    public const string Register = "register";
    public const int Contracts = 12;

    private readonly ITestOutputHelper _output;

    private CrmRig(SandboxProcess sandbox, string connectionString, ITestOutputHelper output)
    {
        Sandbox = sandbox;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
        _output = output;
    }

    public SandboxProcess Sandbox { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<CrmRig> StartAsync(PostgresServer postgres, ITestOutputHelper output, params string[] sandboxArguments)
    {
        var sandbox = TestApps.Sandbox(
        [
            "--contracts", Contracts.ToString(CultureInfo.InvariantCulture),
            "--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0",
            "--calls-per-minute", "0", "--calls-per-hour", "0", "--calls-per-day", "0",
            .. sandboxArguments,
        ]);
        try
        {
            await sandbox.StartAsync();
            var rig = new CrmRig(sandbox, await postgres.CreateDatabaseAsync("crm"), output);
            await using var migrate = new WorkerProcess(rig.Environment(), "migrate");
            var result = await migrate.RunToExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.Output);
            return rig;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>The CRM source alone (roles by label, unless <paramref name="byProperty"/>), with extra settings of its own.</summary>
    public Dictionary<string, string> Environment(string mode = "Mirror", bool byProperty = false, bool withRegister = false, int pageSize = 5)
    {
        var environment = new Dictionary<string, string>(ExactlyOnceRig.UnlimitedNexudus(Sandbox, ConnectionString))
        {
            ["ContactSync__ContractResolution__CoworkerField"] = "Custom1",
            ["ContactSync__ContractResolution__RefreshEvery"] = "00:00:00",
        };
        var crm = withRegister ? 1 : 0;
        if (withRegister)
        {
            Source(environment, 0, Register, "CompaniesHouse", mode);
            environment["ContactSync__Sources__0__BaseUrl"] = Sandbox.BaseUrl.ToString();
            environment["ContactSync__Sources__0__ApiKey"] = "sandbox-register-key";
        }

        var prefix = $"ContactSync__Sources__{crm}__";
        Source(environment, crm, Crm, "HubSpot", mode);
        environment[prefix + "BaseUrl"] = Sandbox.BaseUrl.ToString();
        environment[prefix + "AccessToken"] = "pat-sandbox-0000";
        environment[prefix + "CompanyRefProperty"] = "company_number";
        environment[prefix + "DateOfBirthProperty"] = "date_of_birth";
        environment[prefix + "PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture);
        environment[prefix + "RequestsPerSecond"] = "100";
        environment[prefix + "SearchesPerSecond"] = "20";
        if (byProperty)
        {
            environment[prefix + "RoleProperty"] = "key_contact_role";
            environment[prefix + "RoleValues__director"] = "Director";
            environment[prefix + "RoleValues__nominated_recipient"] = "NominatedRecipient";
        }
        else
        {
            environment[prefix + "RoleLabels__5"] = "Director";
            environment[prefix + "RoleLabels__7"] = "NominatedRecipient";
        }

        return environment;
    }

    /// <summary>A CSV source beside the CRM (source 1), run only when asked for by name.</summary>
    public static void AddCsvSource(Dictionary<string, string> environment, string name, string path, string mode = "Upsert")
    {
        environment["ContactSync__Sources__1__Name"] = name;
        environment["ContactSync__Sources__1__Type"] = "Csv";
        environment["ContactSync__Sources__1__Mode"] = mode;
        environment["ContactSync__Sources__1__Path"] = path;
        environment["ContactSync__Sources__1__Schedule"] = "0 0 1 1 *";
    }

    private static void Source(Dictionary<string, string> environment, int index, string name, string type, string mode)
    {
        var prefix = $"ContactSync__Sources__{index}__";
        environment[prefix + "Name"] = name;
        environment[prefix + "Type"] = type;
        environment[prefix + "Mode"] = mode;
        environment[prefix + "Schedule"] = "0 0 1 1 *";
        environment[prefix + "ReconcileEvery"] = "365.00:00:00";
    }

    public async Task<ProcessResult> SyncOnceAsync(IReadOnlyDictionary<string, string> environment, string source = Crm, params string[] options)
    {
        await using var worker = new WorkerProcess(environment, ["sync-once", "--source", source, .. options]);
        var result = await worker.RunToExitAsync(TimeSpan.FromMinutes(3));
        _output.WriteLine($"sync-once {source} exited {result.ExitCode}: {ExactlyOnceRig.Summary(result.StandardOutput)}");
        return result;
    }

    /// <summary>The CRM requests the Sandbox has been sent, by endpoint (search, list, associations, companies).</summary>
    public async Task<Dictionary<string, int>> CrmCallsAsync()
        => await Sandbox.Client.GetFromJsonAsync<Dictionary<string, int>>("_sandbox/hubspot/calls") ?? [];

    /// <summary>Nexudus writes (creates, updates, deletes of contacts) since <paramref name="earlier"/>.</summary>
    public async Task<int> WritesSinceAsync(SandboxStats earlier)
    {
        var since = (await Sandbox.GetStatsAsync()).Since(earlier);
        return since.Requests.Where(route => route.Key.Contains("contractcontacts", StringComparison.OrdinalIgnoreCase)
                                              && (route.Key.StartsWith("POST", StringComparison.Ordinal) || route.Key.StartsWith("PUT", StringComparison.Ordinal)
                                                  || route.Key.StartsWith("DELETE", StringComparison.Ordinal)))
            .Sum(route => route.Value.Values.Sum());
    }

    public async Task PatchContactAsync(string id, object properties, DateTimeOffset? at = null)
    {
        using var response = await Sandbox.Client.PatchAsJsonAsync($"_sandbox/hubspot/contacts/{id}", new { properties, at });
        Assert.True(response.IsSuccessStatusCode, $"patch {id}: {(int)response.StatusCode}");
    }

    public async Task ArchiveAsync(string id)
    {
        using var response = await Sandbox.Client.PostAsync($"_sandbox/hubspot/contacts/{id}/archive", null);
        Assert.True(response.IsSuccessStatusCode, $"archive {id}: {(int)response.StatusCode}");
    }

    public async Task LabelAsync(string contact, int company, params int[] typeIds)
    {
        using var response = await Sandbox.Client.PutAsJsonAsync($"_sandbox/hubspot/contacts/{contact}/associations/{2_000_000 + company}", new { typeIds });
        Assert.True(response.IsSuccessStatusCode, $"label {contact}: {(int)response.StatusCode}");
    }

    /// <summary>As if the source's last complete read was two days ago: its next run reads every contact.</summary>
    public async Task CompleteReadIsDueAsync()
    {
        await using var command = DataSource.CreateCommand(
            "update stream_positions set timepoint = timepoint - 2 * 86400000 where source = @source and stream = 'hubspot:complete-read'");
        command.Parameters.AddWithValue("source", Crm);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Every record of a source: key → (status, contact, reason).</summary>
    public async Task<Dictionary<string, (string Status, int? NexudusId, string? Reason)>> RecordsAsync(string source = Crm)
    {
        await using var command = DataSource.CreateCommand("select source_id, status, nexudus_id, last_error from sync_records where source = @source");
        command.Parameters.AddWithValue("source", source);
        var records = new Dictionary<string, (string, int?, string?)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return records;
    }

    /// <summary>The contact the Sandbox holds with this Id, or null once it is deleted.</summary>
    public Task<JsonElement?> ContactAsync(int id) => Sandbox.GetContactAsync(id);

    public void Log(string message) => _output.WriteLine(message);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
