using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Register;

/// <summary>
/// A Companies House source against the Sandbox's register and Nexudus, over HTTP, with its own database. Company N of
/// the seeds has register number 0100000N (SC1000NN for every tenth from 3), in the coworker's Custom1; company 2 is on
/// two contracts and company Contracts+2's contract has ended.
/// </summary>
internal sealed class RegisterRig : IAsyncDisposable
{
    public const string SourceName = "register";
    public const int Contracts = 12;

    private readonly ITestOutputHelper _output;

    private RegisterRig(SandboxProcess sandbox, string connectionString, ITestOutputHelper output)
    {
        Sandbox = sandbox;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
        _output = output;
    }

    public SandboxProcess Sandbox { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<RegisterRig> StartAsync(PostgresServer postgres, ITestOutputHelper output, params string[] sandboxArguments)
    {
        var sandbox = TestApps.Sandbox(
        [
            "--contracts", Contracts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0",
            "--calls-per-minute", "0", "--calls-per-hour", "0", "--calls-per-day", "0",
            .. sandboxArguments,
        ]);
        try
        {
            await sandbox.StartAsync();
            var rig = new RegisterRig(sandbox, await postgres.CreateDatabaseAsync("register"), output);
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

    public static string Number(int n) => n % 10 == 3 ? $"SC{100000 + n:D6}" : $"{1_000_000 + n:D8}";

    public Dictionary<string, string> Environment(string mode = "Mirror") => new(ExactlyOnceRig.UnlimitedNexudus(Sandbox, ConnectionString))
    {
        ["ContactSync__ContractResolution__CoworkerField"] = "Custom1",
        ["ContactSync__ContractResolution__RefreshEvery"] = "00:00:00",
        ["ContactSync__Sources__0__Name"] = SourceName,
        ["ContactSync__Sources__0__Type"] = "CompaniesHouse",
        ["ContactSync__Sources__0__BaseUrl"] = Sandbox.BaseUrl.ToString(),
        ["ContactSync__Sources__0__ApiKey"] = "sandbox-register-key",
        ["ContactSync__Sources__0__Mode"] = mode,
        ["ContactSync__Sources__0__Schedule"] = "0 0 1 1 *",
        ["ContactSync__Sources__0__ReconcileEvery"] = "365.00:00:00",
    };

    public Task<ProcessResult> SyncOnceAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] options)
        => SyncOnceAsync(SourceName, environment, options);

    /// <summary>A run of one of the configured sources (the register, or another source on the same companies).</summary>
    public async Task<ProcessResult> SyncOnceAsync(string source, IReadOnlyDictionary<string, string>? environment = null, params string[] options)
    {
        await using var worker = new WorkerProcess(environment ?? Environment(), ["sync-once", "--source", source, .. options]);
        var result = await worker.RunToExitAsync(TimeSpan.FromMinutes(3));
        _output.WriteLine($"sync-once exited {result.ExitCode}: {ExactlyOnceRig.Summary(result.StandardOutput)}");
        return result;
    }

    /// <summary>The register's view of a company (its officers, each with its appointment id).</summary>
    public async Task<JsonElement> CompanyAsync(string number)
        => await Sandbox.Client.GetFromJsonAsync<JsonElement>($"_sandbox/register/companies/{number}");

    public async Task<IReadOnlyList<(string Appointment, string Name, string Role, bool Resigned)>> OfficersAsync(string number)
    {
        var company = await CompanyAsync(number);
        return [.. company.GetProperty("officers").GetProperty("items").EnumerateArray().Select(item => (
            item.GetProperty("links").TryGetProperty("self", out var self) ? self.GetString()!.Split('/')[^1] : "",
            item.GetProperty("name").GetString()!,
            item.GetProperty("officer_role").GetString()!,
            item.TryGetProperty("resigned_on", out _)))];
    }

    public async Task PostAsync(string path, object body)
    {
        using var response = await Sandbox.Client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
    }

    public async Task PutAsync(string path, object body)
    {
        using var response = await Sandbox.Client.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
    }

    public async Task<string> AppointAsync(string number, string name, object? address = null)
    {
        using var response = await Sandbox.Client.PostAsJsonAsync($"_sandbox/register/companies/{number}/officers", new { name, role = "director", address });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appointmentId").GetString()!;
    }

    /// <summary>The ledger's record of a source key: its status and contact.</summary>
    public async Task<(string Status, int? NexudusId)> RecordAsync(string sourceId, string source = SourceName)
    {
        await using var command = DataSource.CreateCommand("select status, nexudus_id from sync_records where source = @source and source_id = @id");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("id", sourceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no record {sourceId}");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    public async Task<IReadOnlyList<string>> RejectionsOfLatestRunAsync()
    {
        await using var command = DataSource.CreateCommand(
            "select reason from sync_rejections where run_id = (select id from sync_runs where status <> 'skipped' order by started_at desc limit 1) order by line_number");
        var reasons = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reasons.Add(reader.GetString(0));
        }

        return reasons;
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
