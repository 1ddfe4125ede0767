using System.Globalization;
using System.Net.Http.Json;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;
using ContactSync.Benchmarks.Sources;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// A first load onto an account that is not empty: the Sandbox holds E contacts typed in before ContactSync came, a
/// tenth of them people the source lists too. How many reads matching costs per 1,000 existing contacts, and how many
/// writes each created contact costs (one: the create; a linked contact costs none).
/// </summary>
internal static class LiveAccountScenario
{
    private const string ListRoute = "GET /api/billing/contractcontacts";
    private const int SeedBatch = 1000;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var existing = settings.ExistingContacts;
        var rows = settings.LiveAccountRows;
        var contracts = settings.LiveAccountContracts;
        var known = rows / 10;
        var csv = Path.Combine(settings.WorkDirectory, "live-account.csv");
        ContactCsv.Write(csv, rows, i => ContactCsv.Valid(i, contracts));
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_live_account", cancellationToken);
        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "live-account",
        [
            "--contracts", N(contracts),
            "--writes-per-minute", "0", "--writes-per-day", "0", "--min-interval-ms", "0",
            "--calls-per-minute", "0", "--calls-per-hour", "0", "--calls-per-day", "0",
        ], cancellationToken);

        // The first `known` source rows were typed in already (upper case, no email); the rest of the account is people
        // the source does not list.
        for (var start = 0; start < existing; start += SeedBatch)
        {
            var batch = Enumerable.Range(start, Math.Min(SeedBatch, existing - start))
                .Select(i => i < known ? TypedIn(ContactCsv.Valid(i, contracts)) : Stranger(i, contracts))
                .ToList();
            using var response = await sandbox.Client.PostAsJsonAsync("_sandbox/contractcontacts", batch, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Live account: {existing} contacts already on {contracts} contracts, {known} of them people among the source's {rows} rows; limits off."));
        var configuration = new WorkerRun.Configuration("live-account", csv, database, sandbox.BaseUrl)
        {
            WritesPerMinute = LargeSourceScenario.MaxWorkerBudget,
            CallsPerMinute = LargeSourceScenario.MaxWorkerBudget,
            WritesPerDay = LargeSourceScenario.MaxDailyBudget,
            CallsPerHour = LargeSourceScenario.MaxDailyBudget,
            MinCallInterval = TimeSpan.Zero,
        };

        var before = await sandbox.GetStatsAsync(cancellationToken);
        var first = await WorkerRun.RunAsync(settings, configuration, "worker-live-account", cancellationToken);
        var firstCalls = (await sandbox.GetStatsAsync(cancellationToken)).Since(before);
        var linked = first.SummaryNumber("Linked");
        var reads = firstCalls.Count(ListRoute);
        var writes = Writes(firstCalls);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  first load: {Format.Duration(first.WallTime)}, exit {first.ExitCode}, {first.Outcome}: {first.Created} created, {linked} linked, " +
            $"{first.Rejected} rejected; {reads} contact list reads, {writes} writes; calls: {firstCalls.Describe()}"));

        var settled = await sandbox.GetStatsAsync(cancellationToken);
        var again = await WorkerRun.RunAsync(settings, configuration, "worker-live-account-again", cancellationToken);
        var againCalls = (await sandbox.GetStatsAsync(cancellationToken)).Since(settled);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  re-sync with nothing to create: {Format.Duration(again.WallTime)}, {again.Outcome}: {again.Unchanged} unchanged; calls: {againCalls.Describe()}"));

        var perThousand = reads / (existing / 1000.0);
        var perCreate = (double)writes / Math.Max(first.Created, 1);
        return
        [
            Figure.Check($"Matching reads per 1,000 existing contacts", $"{reads} reads / {Format.Count(existing)}", "<= 1.0",
                Format.Number(perThousand, "0.00"), perThousand <= 1.0 && linked == known && first.Created == rows - known),
            Figure.Check("Writes per created contact", $"{writes} writes / {first.Created}", "1.000 exactly", Format.Number(perCreate, "0.000"),
                writes == first.Created),
            Figure.Check("  re-sync with nothing to create: API calls", N(againCalls.Calls), "0", "-", againCalls.Calls == 0 && again.Unchanged == rows),
        ];
    }

    private static int Writes(SandboxStats calls) => calls.Requests
        .Where(route => route.Key.StartsWith("POST /api/", StringComparison.Ordinal) || route.Key.StartsWith("PUT /api/", StringComparison.Ordinal)
                        || route.Key.StartsWith("DELETE /api/", StringComparison.Ordinal))
        .Where(route => route.Key != SandboxStats.TokenRoute)
        .Sum(route => route.Value.Values.Sum());

    /// <summary>A source row as reception typed it: its contract, type and name (upper case), no email, the AML check done.</summary>
    private static Dictionary<string, object?> TypedIn(string csvRow)
    {
        var fields = csvRow.Split(',');
        return Contact(int.Parse(fields[1], CultureInfo.InvariantCulture), TypeNumber(fields[2]), fields[3].ToUpperInvariant());
    }

    private static Dictionary<string, object?> Stranger(int index, int contracts)
        => Contact(1001 + (index % contracts), 3, string.Create(CultureInfo.InvariantCulture, $"Resident Number{index} Elsewhere"));

    private static Dictionary<string, object?> Contact(int contract, int type, string name) => new()
    {
        ["CoworkerContractId"] = contract,
        ["ContractContactType"] = type,
        ["FullName"] = name,
        ["AmlCheckStatus"] = 2,
        ["AmlCheckDate"] = "2026-03-02T09:30:00Z",
        ["Notes"] = "Typed in by reception",
    };

    private static int TypeNumber(string type) => type switch
    {
        "Director" => 1,
        "CompanyAlias" => 2,
        _ => 3,
    };

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
