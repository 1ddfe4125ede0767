using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace ContactSync.IntegrationTests.EndToEnd;

/// <summary>
/// One fresh database, one Sandbox process and one source file; the worker runs as its own process against them,
/// configured only through environment variables, the way an operator runs it.
/// </summary>
internal sealed partial class EndToEndWorld : IAsyncDisposable
{
    public const string SourceName = "crm";

    /// <summary>Limits off on both sides, so a test's time goes into the sync and not into waiting for a budget.</summary>
    public static readonly string[] UnthrottledSandbox =
        ["--writes-per-minute", "0", "--min-interval-ms", "0", "--calls-per-minute", "0", "--calls-per-hour", "0"];

    public static readonly IReadOnlyDictionary<string, string> UnthrottledWorker = new Dictionary<string, string>
    {
        ["Nexudus__WritesPerMinute"] = "10000",
        ["Nexudus__CallsPerMinute"] = "10000",
        ["Nexudus__MinCallInterval"] = "00:00:00",
    };

    private static readonly TimeSpan SyncDeadline = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, string> _workerSettings;

    private EndToEndWorld(string connectionString, SandboxProcess sandbox, IReadOnlyDictionary<string, string> workerSettings)
    {
        ConnectionString = connectionString;
        Sandbox = sandbox;
        CsvPath = Path.Combine(_directory.Path, "contacts.csv");
        _workerSettings = new Dictionary<string, string>(workerSettings);
    }

    public string ConnectionString { get; }

    public SandboxProcess Sandbox { get; }

    public string CsvPath { get; }

    public static async Task<EndToEndWorld> StartAsync(
        PostgresServer postgres, IEnumerable<string>? sandboxArguments = null, IReadOnlyDictionary<string, string>? workerSettings = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync("e2e");
        var sandbox = TestApps.Sandbox(sandboxArguments ?? UnthrottledSandbox);
        try
        {
            await sandbox.StartAsync();
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }

        return new EndToEndWorld(connectionString, sandbox, workerSettings ?? UnthrottledWorker);
    }

    /// <summary>Everything the worker needs, as Kubernetes would hand it over: environment variables.</summary>
    public Dictionary<string, string> WorkerEnvironment(string schedule = "0 0 1 1 *")
    {
        var environment = new Dictionary<string, string>(_workerSettings)
        {
            ["ConnectionStrings__ContactSync"] = ConnectionString,
            ["Nexudus__BaseUrl"] = Sandbox.BaseUrl.ToString(),
            ["Nexudus__Username"] = SandboxProcess.DefaultUsername,
            ["Nexudus__Password"] = SandboxProcess.DefaultPassword,
            ["ContactSync__Sources__0__Name"] = SourceName,
            ["ContactSync__Sources__0__Type"] = "Csv",
            ["ContactSync__Sources__0__Path"] = CsvPath,
            ["ContactSync__Sources__0__Schedule"] = schedule,
        };
        return environment;
    }

    public async Task<SyncOnceResult> SyncOnceAsync()
    {
        await using var worker = new WorkerProcess(WorkerEnvironment(), "sync-once", "--source", SourceName);
        return new SyncOnceResult(await worker.RunToExitAsync(SyncDeadline));
    }

    /// <summary>Every ledger row of the source.</summary>
    public async Task<IReadOnlyList<LedgerRow>> LedgerAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select source_id, line_number, status, nexudus_id, last_error from sync_records where source = @source order by line_number",
            connection);
        command.Parameters.AddWithValue("source", SourceName);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>Every reason a line was rejected for: ledger rows rejected (by mapping or by Nexudus) and lines the latest run could not key.</summary>
    public async Task<IReadOnlyDictionary<long, string>> RejectionReasonsByLineAsync()
    {
        var reasons = (await LedgerAsync())
            .Where(r => r.Status == "rejected")
            .ToDictionary(r => r.LineNumber ?? throw new InvalidOperationException($"Rejected record {r.SourceId} has no line number."), r => r.LastError ?? "");

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select line_number, reason from sync_rejections
            where run_id = (select id from sync_runs where source = @source order by started_at desc limit 1)
            """,
            connection);
        command.Parameters.AddWithValue("source", SourceName);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reasons.Add(reader.GetInt64(0), reader.GetString(1));
        }

        return reasons;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The Sandbox's stored contacts, reduced to what the source decides.</summary>
    public async Task<IReadOnlyList<StoredContact>> SandboxContactsAsync()
    {
        var contacts = await Sandbox.GetContactsAsync();
        return contacts.EnumerateArray()
            .Select(c => new StoredContact(
                c.GetProperty("Id").GetInt32(),
                c.GetProperty("CoworkerContractId").GetInt32(),
                c.GetProperty("ContractContactType").GetInt32(),
                c.GetProperty("FullName").GetString() ?? "",
                c.GetProperty("Email").ValueKind == JsonValueKind.String ? c.GetProperty("Email").GetString() : null))
            .ToList();
    }

    /// <summary>
    /// The exactly-once check: the Sandbox holds each expected contact once and nothing else, and the ledger maps
    /// every one of them to the Id the Sandbox gave it.
    /// </summary>
    public async Task AssertSandboxHoldsExactlyAsync(IReadOnlyCollection<ExpectedContact> expected)
    {
        var stored = await SandboxContactsAsync();
        var duplicates = stored.GroupBy(c => (c.ContractId, c.Type, c.FullName)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Contacts stored more than once: {string.Join(", ", duplicates)}");
        Assert.Equal(
            expected.Select(e => (e.ContractId, e.Type, e.FullName, e.Email)).Order(),
            stored.Select(s => (s.ContractId, s.Type, s.FullName, s.Email)).Order());

        var idByName = stored.ToDictionary(s => s.FullName, s => s.Id);
        var ledger = (await LedgerAsync()).ToDictionary(r => r.SourceId);
        foreach (var contact in expected)
        {
            var row = ledger[contact.SourceId];
            Assert.True(row.Status == "synced", $"{contact.SourceId} is {row.Status}: {row.LastError}");
            Assert.Equal(idByName[contact.FullName], row.NexudusId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        _directory.Dispose();
    }

    internal sealed partial record SyncOnceResult(ProcessResult Process)
    {
        public int ExitCode => Process.ExitCode;

        public string Output => Process.Output;

        /// <summary>A count from the printed summary, e.g. <c>Created</c>.</summary>
        public int Count(string label)
        {
            var match = SummaryLine().Matches(Process.StandardOutput).FirstOrDefault(m => m.Groups["label"].Value == label)
                ?? throw new InvalidOperationException($"No '{label}' line in the summary:\n{Process.Output}");
            return int.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        [GeneratedRegex(@"^\s+(?<label>\w+):\s+(?<value>\d+)\s*$", RegexOptions.Multiline)]
        private static partial Regex SummaryLine();
    }
}

internal sealed record LedgerRow(string SourceId, long? LineNumber, string Status, int? NexudusId, string? LastError);

internal sealed record StoredContact(int Id, int ContractId, int Type, string FullName, string? Email);
