using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>The Sandbox's random faults and latency (the shape of its <c>PUT /_sandbox/faults</c>); rates are per call.</summary>
internal sealed record SandboxFaults
{
    public int? Seed { get; init; }
    public int LatencyMs { get; init; }
    public int JitterMs { get; init; }
    public double Error500Rate { get; init; }
    public double Error502Rate { get; init; }
    public double Error503Rate { get; init; }
    public double Throttle409Rate { get; init; }
    public int Throttle409RetryAfterSeconds { get; init; } = 1;
    public double HangRate { get; init; }
    public int HangSeconds { get; init; } = 120;
    public double DropRate { get; init; }
    public double CommitThenDropRate { get; init; }

    /// <summary>
    /// <paramref name="rate"/> of all calls failing (the rig sets the seed), split over every kind: 5xx, injected 409s, hangs, dropped
    /// connections, and creates that are stored but whose answer is lost (commit-then-drop, on writes only).
    /// </summary>
    public static SandboxFaults Mixed(double rate) => new()
    {
        LatencyMs = 2,
        JitterMs = 8,
        Error500Rate = rate * 0.2,
        Error502Rate = rate * 0.1,
        Error503Rate = rate * 0.1,
        Throttle409Rate = rate * 0.15,
        HangRate = rate * 0.05,
        HangSeconds = 3,
        DropRate = rate * 0.1,
        CommitThenDropRate = rate * 0.3,
    };
}

/// <summary>
/// One scenario's world: a fresh database, a Sandbox with its limits off (the worker's too), a synthetic CSV
/// source, and the worker run as <c>sync-once</c> processes against them.
/// </summary>
internal sealed class ExactlyOnceRig : IAsyncDisposable
{
    public const string SourceName = "exactly-once";
    public const string ContactsRoute = "POST /api/billing/contractcontacts";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(ExactlyOnceSettings.Long ? 15 : 3);

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<JsonElement> _foreign = [];
    private readonly Dictionary<string, int> _linked = new(StringComparer.Ordinal);

    private ExactlyOnceRig(string scenario, int seed, SyntheticSource source, SandboxProcess sandbox, string connectionString, ITestOutputHelper output)
    {
        Scenario = scenario;
        Seed = seed;
        Source = source;
        Sandbox = sandbox;
        ConnectionString = connectionString;
        // The rig only watches: the session settings a scenario gives the database (idle_session_timeout) are not for it.
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c idle_session_timeout=0" }.ConnectionString);
        Random = new Random(seed);
        _output = output;
        CsvPath = Path.Combine(_directory.Path, "contacts.csv");
    }

    public string Scenario { get; }

    public int Seed { get; }

    /// <summary>For the scenario's own random choices (kill moments), derived from <see cref="Seed"/>.</summary>
    public Random Random { get; }

    public SyntheticSource Source { get; }

    public SandboxProcess Sandbox { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public string CsvPath { get; }

    /// <summary>Country Ids by ISO code, as the Sandbox numbers them.</summary>
    public IReadOnlyDictionary<string, int> CountryIds { get; private set; } = new Dictionary<string, int>();

    /// <summary>What a failure message needs to replay the scenario.</summary>
    public string Replay =>
        $"[{Scenario}: {ExactlyOnceSettings.SeedVariable}={Seed.ToString(CultureInfo.InvariantCulture)}" +
        (ExactlyOnceSettings.Long ? $" {ExactlyOnceSettings.LongSwitch}=1" : "") + "]";

    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<ExactlyOnceRig> StartAsync(
        string scenario, PostgresServer postgres, ITestOutputHelper output, int records, SandboxFaults? faults = null, bool migrate = true,
        double invalidShare = ExactlyOnceSettings.InvalidShare, IReadOnlyList<string>? sandboxArguments = null)
    {
        var seed = ExactlyOnceSettings.NewSeed();
        output.WriteLine($"{scenario}: seed {seed} ({ExactlyOnceSettings.SeedVariable}={seed} replays it), {records} records" +
                         (ExactlyOnceSettings.Long ? ", long variant" : ""));
        var source = SyntheticSource.Create(records, invalidShare, contracts: 50, new Random(seed));
        var sandbox = TestApps.Sandbox(
        [
            "--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0",
            "--calls-per-minute", "0", "--calls-per-hour", "0", "--calls-per-day", "0",
            .. sandboxArguments ?? [],
        ]);
        ExactlyOnceRig? rig = null;
        try
        {
            await sandbox.StartAsync();
            rig = new ExactlyOnceRig(scenario, seed, source, sandbox, await postgres.CreateDatabaseAsync("exactly_once"), output);
            await source.WriteAsync(rig.CsvPath);
            rig.CountryIds = await ReadCountriesAsync(sandbox);
            await rig.SetFaultsAsync((faults ?? new SandboxFaults()) with { Seed = seed });
            if (migrate)
            {
                await rig.MigrateAsync();
            }

            return rig;
        }
        catch
        {
            if (rig is not null)
            {
                await rig.DisposeAsync();
            }
            else
            {
                await sandbox.DisposeAsync();
            }

            throw;
        }
    }

    public async Task SetFaultsAsync(SandboxFaults faults)
    {
        using var response = await Sandbox.Client.PutAsJsonAsync("_sandbox/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Queues a scripted fault for the next <paramref name="count"/> creates (<c>POST /_sandbox/faults/next</c>).</summary>
    public Task QueueCreateFaultsAsync(string kind, int count) => QueueFaultsAsync(kind, count, "POST", "/api/billing/contractcontacts");

    /// <summary>Queues a scripted fault for the next <paramref name="count"/> calls matching the method and path prefix.</summary>
    public async Task QueueFaultsAsync(string kind, int count, string method, string path)
    {
        using var response = await Sandbox.Client.PostAsJsonAsync(
            "_sandbox/faults/next", new { Kind = kind, Count = count, Method = method, Path = path });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A setting every later session of the scenario's database starts with (<c>ALTER DATABASE … SET</c>).</summary>
    public async Task SetDatabaseSettingAsync(string name, string value)
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var command = DataSource.CreateCommand($"alter database \"{database}\" set {name} = '{value}'");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The outcome each run of the source ended with, oldest first.</summary>
    public async Task<IReadOnlyList<(string Status, string Trigger, string? Error)>> RunsAsync()
    {
        await using var command = DataSource.CreateCommand("select status, trigger, error from sync_runs order by started_at");
        var runs = new List<(string, string, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return runs;
    }

    public async Task ClearScriptedFaultsAsync()
    {
        using var response = await Sandbox.Client.DeleteAsync("_sandbox/faults/next");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Contacts someone other than ContactSync put on a contract; the final check requires them untouched.</summary>
    public IReadOnlyList<JsonElement> ForeignContacts => _foreign;

    /// <summary>Rows whose contact is one somebody else made, by source_id: the record must hold it, and leave it as it was.</summary>
    public IReadOnlyDictionary<string, int> ExpectedLinks => _linked;

    /// <summary>
    /// Creates, through the API as a person would, a contact like <paramref name="like"/>'s (same contract, type and
    /// name; the rest as <paramref name="adjust"/> makes it), and remembers it as somebody else's. With
    /// <paramref name="sameContact"/> the scenario says it is the row's person: the row must be linked to it.
    /// </summary>
    public async Task<int> PlantForeignContactAsync(
        SourceRow like, Func<Dictionary<string, object?>, Dictionary<string, object?>>? adjust = null, bool sameContact = false)
    {
        var body = new Dictionary<string, object?>
        {
            ["CoworkerContractId"] = like.ContractId,
            ["FullName"] = like.FullName,
            ["ContractContactType"] = like.ContactType,
            ["AmlCheckStatus"] = 2,
            ["Notes"] = "Typed in by reception",
        };
        body = adjust?.Invoke(body) ?? body;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/billing/contractcontacts") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Sandbox));
        using var response = await Sandbox.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Value").GetProperty("Id").GetInt32();
        var stored = (await Sandbox.GetContactsAsync()).EnumerateArray().Single(contact => contact.GetProperty("Id").GetInt32() == id);
        _foreign.Add(stored.Clone());
        if (sameContact)
        {
            _linked.Add(like.SourceId, id);
        }

        return id;
    }

    /// <summary>
    /// Puts contacts on the contracts at once, as the account's people had before ContactSync came (through the Sandbox's
    /// seeding endpoint: not an API call, not counted), and remembers them as somebody else's; those marked
    /// <c>SameContact</c> are their row's person, whom the row must be linked to.
    /// </summary>
    public async Task<IReadOnlyList<int>> SeedForeignContactsAsync(IReadOnlyList<(SourceRow Like, Dictionary<string, object?> Body, bool SameContact)> contacts)
    {
        using var response = await Sandbox.Client.PostAsJsonAsync("_sandbox/contractcontacts", contacts.Select(contact => contact.Body));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Ids").EnumerateArray().Select(id => id.GetInt32()).ToList();
        var stored = (await Sandbox.GetContactsAsync()).EnumerateArray().ToDictionary(contact => contact.GetProperty("Id").GetInt32(), contact => contact.Clone());
        foreach (var (contact, id) in contacts.Zip(ids))
        {
            _foreign.Add(stored[id]);
            if (contact.SameContact)
            {
                _linked.Add(contact.Like.SourceId, id);
            }
        }

        return ids;
    }

    /// <summary>
    /// Edits a contact in Nexudus as a person would (GET it, change it, PUT it whole through the API), so that what
    /// ContactSync last wrote is no longer what Nexudus holds.
    /// </summary>
    public Task EditInNexudusAsync(int id, Action<JsonObject> edit) => EditInNexudusAsync(Sandbox, id, edit);

    /// <summary>Edits a contact in <paramref name="sandbox"/>'s Nexudus as a person would: GET it, change it, PUT it whole.</summary>
    public static async Task EditInNexudusAsync(SandboxProcess sandbox, int id, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(edit);
        var token = await TokenAsync(sandbox);
        using var get = new HttpRequestMessage(HttpMethod.Get, $"api/billing/contractcontacts/{id}");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var read = await sandbox.Client.SendAsync(get);
        read.EnsureSuccessStatusCode();
        var contact = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        edit(contact);
        using var put = new HttpRequestMessage(HttpMethod.Put, "api/billing/contractcontacts") { Content = JsonContent.Create(contact) };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var written = await sandbox.Client.SendAsync(put);
        Assert.True(written.IsSuccessStatusCode, await written.Content.ReadAsStringAsync());
    }

    /// <summary>The Nexudus Id the ledger holds for a record.</summary>
    public async Task<int> NexudusIdAsync(string sourceId)
    {
        await using var command = DataSource.CreateCommand("select nexudus_id from sync_records where source_id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A record's status in the ledger.</summary>
    public async Task<string> StatusOfAsync(string sourceId)
    {
        await using var command = DataSource.CreateCommand("select status from sync_records where source_id = @id");
        command.Parameters.AddWithValue("id", sourceId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many records of the ledger have <paramref name="status"/>.</summary>
    public async Task<int> CountWithStatusAsync(string status)
    {
        await using var command = DataSource.CreateCommand("select count(*)::int from sync_records where status = @status");
        command.Parameters.AddWithValue("status", status);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Deletes a contact in Nexudus as a person would, through the API.</summary>
    public async Task DeleteInNexudusAsync(int id)
    {
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"api/billing/contractcontacts/{id}");
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Sandbox));
        using var response = await Sandbox.Client.SendAsync(delete);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One contact as the Sandbox holds it now (its full record).</summary>
    public async Task<JsonElement> ContactAsync(int id)
        => (await Sandbox.GetContactsAsync()).EnumerateArray().Single(contact => contact.GetProperty("Id").GetInt32() == id).Clone();

    /// <summary>The worker's environment: this rig's database, Sandbox and source, with the client's limits off to match.</summary>
    public Dictionary<string, string> WorkerEnvironment() => new(UnlimitedNexudus(Sandbox, ConnectionString))
    {
        ["Nexudus__RetryBaseDelay"] = "00:00:00.050",
        // Caps the pause after an injected 409 too: the Sandbox's Retry-After is at least 1 s, and every 409 pauses all lanes.
        ["Nexudus__MaxRetryDelay"] = "00:00:00.100",
        ["Nexudus__AttemptTimeout"] = "00:00:02",
        // Short, because a record left in flight is only looked up once the create it announced has surely ended.
        ["Nexudus__TotalTimeout"] = "00:00:04",
        ["ContactSync__MaxParallelContracts"] = "4",
        // Short, so a killed run's lease on the source passes to the next run within seconds.
        ["ContactSync__RunLease"] = "00:00:05",
        ["ContactSync__Sources__0__Name"] = SourceName,
        ["ContactSync__Sources__0__Type"] = "Csv",
        ["ContactSync__Sources__0__Path"] = CsvPath,
        // Once a year: runs are started by the scenarios, not by the clock.
        ["ContactSync__Sources__0__Schedule"] = "0 0 1 1 *",
    };

    /// <summary>A worker's database and Sandbox login, with the client's limits off to match a Sandbox whose limits are off.</summary>
    public static Dictionary<string, string> UnlimitedNexudus(SandboxProcess sandbox, string connectionString) => new()
    {
        ["ConnectionStrings__ContactSync"] = connectionString,
        ["Nexudus__BaseUrl"] = sandbox.BaseUrl.ToString(),
        ["Nexudus__Username"] = SandboxProcess.DefaultUsername,
        ["Nexudus__Password"] = SandboxProcess.DefaultPassword,
        // Far above what a run makes: the injected 409s slow the gate to an eighth of these, and an eighth must still
        // exceed the calls already in the window, or every later run waits out its total timeout in the gate.
        ["Nexudus__WritesPerMinute"] = "100000",
        ["Nexudus__CallsPerMinute"] = "100000",
        ["Nexudus__CallsPerHour"] = "1000000",
        ["Nexudus__WritesPerDay"] = "1000000",
        ["Nexudus__MinCallInterval"] = "00:00:00",
    };

    /// <summary>Applies the ledger's migrations with the worker's <c>migrate</c> command, so the scenario can read the ledger from the start.</summary>
    public async Task MigrateAsync()
    {
        await using var worker = new WorkerProcess(WorkerEnvironment(), "migrate");
        var result = await worker.RunToExitAsync(RunTimeout);
        Assert.True(result.ExitCode == 0, $"migrate exited {result.ExitCode}{Environment.NewLine}{result.Output}");
    }

    /// <summary>A started <c>sync-once</c> process; the caller waits for it, kills it or signals it.</summary>
    public WorkerProcess LaunchSyncOnce(IReadOnlyDictionary<string, string>? environment = null)
    {
        var worker = new WorkerProcess(environment ?? WorkerEnvironment(), "sync-once", "--source", SourceName);
        worker.Start();
        return worker;
    }

    /// <summary>Runs <c>sync-once</c> to its end and logs its exit code and summary.</summary>
    public async Task<ProcessResult> RunSyncOnceAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] options)
    {
        await using var worker = new WorkerProcess(environment ?? WorkerEnvironment(), ["sync-once", "--source", SourceName, .. options]);
        var result = await worker.RunToExitAsync(RunTimeout);
        Log($"sync-once exited {result.ExitCode}: {Summary(result.StandardOutput)}");
        return result;
    }

    /// <summary>
    /// Runs <c>sync-once</c> until the ledger says the source is complete (no record pending, in flight or
    /// failed); each run must end 0 or 1 (rejections make 1), never crash. Returns the number of runs.
    /// </summary>
    public async Task<int> RunUntilCompleteAsync(int maxRuns, IReadOnlyDictionary<string, string>? environment = null)
    {
        for (var run = 1; run <= maxRuns; run++)
        {
            await WaitForInFlightLeasesAsync(environment ?? WorkerEnvironment());
            await WaitForSourceLeaseAsync();
            var result = await RunSyncOnceAsync(environment);
            Assert.True(ExpectedExit(result.StandardOutput) == result.ExitCode, $"sync-once exited {result.ExitCode} {Replay}{Environment.NewLine}{result.Output}");
            if (await IsCompleteAsync())
            {
                return run;
            }
        }

        Assert.Fail($"The source was still incomplete after {maxRuns} runs: {await DescribeLedgerAsync()} {Replay}");
        return maxRuns;
    }

    /// <summary>
    /// Waits until no record is in flight, or has a create in doubt, from a call that may still be under way (sent by a
    /// killed, stopped or lease-less run): until then a new run leaves such records alone, and a run to finish the
    /// source would be wasted.
    /// </summary>
    public async Task WaitForInFlightLeasesAsync(IReadOnlyDictionary<string, string> environment)
    {
        var totalTimeout = TimeSpan.Parse(environment["Nexudus__TotalTimeout"], CultureInfo.InvariantCulture);
        var longest = ClaimWindow.For(new NexudusOptions { TotalTimeout = totalTimeout }, ClaimKind.Update);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await using var command = DataSource.CreateCommand(
                    "select count(*) from sync_records where (status = 'in_flight' or in_doubt) and in_flight_until > now()");
                return (long)(await command.ExecuteScalarAsync())! == 0;
            },
            longest + TimeSpan.FromSeconds(10),
            $"records in flight or in doubt are past their claims {Replay}");
    }

    /// <summary>Waits until the Sandbox has seen <paramref name="creates"/> creates; fails if <paramref name="worker"/> exits first.</summary>
    public Task WaitForCreatesAsync(ChildProcess worker, int creates, string beforeWhat) =>
        Eventually.WaitUntilAsync(
            async () =>
            {
                await worker.ThrowIfExitedAsync(beforeWhat);
                return await CreatesSeenAsync() >= creates;
            },
            RunTimeout,
            $"the worker sent {creates} creates {Replay}",
            TimeSpan.FromMilliseconds(10));

    /// <summary>Lets the source's lease run out now, as it would a few seconds after its holder was killed.</summary>
    public async Task ExpireSourceLeaseAsync()
    {
        await using var command = DataSource.CreateCommand("update source_leases set expires_at = now() where expires_at > now()");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until no run holds the source (a killed run's lease runs out on its own), so the next run is not skipped.</summary>
    public async Task WaitForSourceLeaseAsync()
    {
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await using var command = DataSource.CreateCommand("select count(*) from source_leases where expires_at > now()");
                return (long)(await command.ExecuteScalarAsync())! == 0;
            },
            TimeSpan.FromSeconds(30),
            $"the source's lease was released or ran out {Replay}");
    }

    /// <summary>Every row of the source is in the ledger and none still needs a call.</summary>
    public async Task<bool> IsCompleteAsync()
    {
        await using var command = DataSource.CreateCommand(
            """
            select count(*) filter (where status in ('pending', 'in_flight', 'failed')), count(*)
            from sync_records where source = @source
            """);
        command.Parameters.AddWithValue("source", SourceName);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == 0 && reader.GetInt64(1) == Source.Rows.Count;
    }

    public async Task<string> DescribeLedgerAsync()
    {
        await using var command = DataSource.CreateCommand(
            "select status, count(*) from sync_records where source = @source group by status order by status");
        command.Parameters.AddWithValue("source", SourceName);
        var parts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            parts.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
        }

        return parts.Count == 0 ? "ledger empty" : string.Join(", ", parts);
    }

    /// <summary>Creates the Sandbox has answered (or dropped, or seen aborted), whatever the outcome.</summary>
    public async Task<int> CreatesSeenAsync() => (await Sandbox.GetStatsAsync()).Count(ContactsRoute);

    /// <summary>Calls that met an injected fault, by outcome: throttling is off, so every 409 was injected, and "aborted" is a hang the client gave up on.</summary>
    public async Task<IReadOnlyDictionary<string, int>> FaultsInjectedAsync()
    {
        var stats = await Sandbox.GetStatsAsync();
        string[] faulty = ["409", "500", "502", "503", "504", "dropped", "aborted"];
        return stats.Requests
            .Where(route => !route.Key.StartsWith("POST /api/token", StringComparison.Ordinal))
            .SelectMany(route => route.Value)
            .Where(outcome => faulty.Contains(outcome.Key))
            .GroupBy(outcome => outcome.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(outcome => outcome.Value), StringComparer.Ordinal);
    }

    public void Log(string message) =>
        _output.WriteLine($"{Scenario} +{Elapsed.TotalSeconds:0.0}s: {message}");

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Sandbox.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A count from sync-once's summary block (<c>Created</c>, <c>Adopted</c>, ...).</summary>
    public static int Count(string stdout, string label)
    {
        var line = stdout.Split('\n').Select(text => text.Trim()).Single(text => text.StartsWith(label + ":", StringComparison.Ordinal));
        return int.Parse(line[(label.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The exit code sync-once must end with for the run its summary reports: 0 for a run that succeeded with nothing
    /// rejected or failed, 1 for one that finished short of that (rejections, failures, skipped because another run
    /// held the source, or stopped by a fault the next run recovers from). A run these tests never expect (the budget
    /// spent, the lease lost, removals held, a configuration refused) or no summary at all fails the test.
    /// </summary>
    public static int ExpectedExit(string stdout)
    {
        var outcome = stdout.Split('\n').Select(text => text.Trim()).SingleOrDefault(text => text.StartsWith("Outcome:", StringComparison.Ordinal))?["Outcome:".Length..].Trim();
        return outcome switch
        {
            "succeeded" when Count(stdout, "Rejected") == 0 && Count(stdout, "Failed") == 0 => 0,
            "succeeded" or "completed_with_errors" or "skipped" => 1,
            "aborted" when !stdout.Contains("configuration", StringComparison.OrdinalIgnoreCase) => 1,
            _ => throw new Xunit.Sdk.XunitException($"sync-once reported no outcome a run of these tests can have ({outcome ?? "no summary"}):{Environment.NewLine}{stdout}"),
        };
    }

    /// <summary>The one-line gist of sync-once's summary block.</summary>
    public static string Summary(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("Outcome:", StringComparison.Ordinal) || line.StartsWith("Created:", StringComparison.Ordinal)
                           || line.StartsWith("Adopted:", StringComparison.Ordinal) || line.StartsWith("Linked:", StringComparison.Ordinal) || line.StartsWith("Rejected:", StringComparison.Ordinal)
                           || line.StartsWith("Failed:", StringComparison.Ordinal) || line.StartsWith("Unchanged:", StringComparison.Ordinal)
                           || line.StartsWith("Error:", StringComparison.Ordinal));
        var summary = string.Join("; ", lines.Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        return summary.Length == 0 ? "(no summary)" : summary;
    }

    private static async Task<string> TokenAsync(SandboxProcess sandbox)
    {
        using var tokenResponse = await sandbox.Client.PostAsync("api/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = SandboxProcess.DefaultUsername,
            ["password"] = SandboxProcess.DefaultPassword,
        }));
        tokenResponse.EnsureSuccessStatusCode();
        return (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<IReadOnlyDictionary<string, int>> ReadCountriesAsync(SandboxProcess sandbox)
    {
        // Paged to the end: a Sandbox may serve smaller pages than asked for.
        var countries = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var token = await TokenAsync(sandbox);
        for (var number = 1; ; number++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/sys/countries?size=500&page={number}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await sandbox.Client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var country in page.GetProperty("Records").EnumerateArray())
            {
                countries[country.GetProperty("TwoDigitsCode").GetString()!] = country.GetProperty("Id").GetInt32();
            }

            if (number >= page.GetProperty("TotalPages").GetInt32())
            {
                return countries;
            }
        }
    }
}
