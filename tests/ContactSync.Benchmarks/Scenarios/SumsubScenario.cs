using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// Sumsub as a source: what a full pass costs in Sumsub calls per managed company (one look-up of its KYB case, then one
/// call per person whose type is a key contact, only on a company whose own review is approved), and what the run one
/// review event queues costs (its company alone). The event's own handling calls Sumsub not at all: it reads the ledger
/// and contract resolution; the run it queues is measured here as `sync-once --company`, the same run.
/// </summary>
internal static class SumsubScenario
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var companies = settings.RegisterCompanies;
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_sumsub", cancellationToken);
        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "sumsub", LimitsOff.SandboxSwitches(companies), cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["ContactSync__ContractResolution__CoworkerField"] = "Custom1",
            ["ContactSync__Sources__0__Type"] = "Sumsub",
            ["ContactSync__Sources__0__BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["ContactSync__Sources__0__AppToken"] = "sbx:contactsync-sandbox",
            ["ContactSync__Sources__0__SecretKey"] = "sandbox-sumsub-secret",
            ["ContactSync__Sources__0__Mode"] = "Upsert",
            ["ContactSync__Sources__0__RequestsPerWindow"] = "100000",
        };
        var configuration = LimitsOff.Worker("sumsub", database, sandbox.BaseUrl, environment);
        var seed = await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/seed", cancellationToken);
        // One look-up per company that resolves (company 2, on two contracts, and the one whose contract ended cost
        // none), and one call per director or representative with an applicant of their own on an approved company.
        var people = seed.EnumerateArray().Where(company => company.GetProperty("reviewAnswer").GetString() == "GREEN")
            .Select(company => (Company: company.GetProperty("externalUserId").GetString()!, People: company.GetProperty("beneficiaries").EnumerateArray()
                .Count(person => person.GetProperty("applicantId").ValueKind == JsonValueKind.String
                                 && person.GetProperty("types").EnumerateArray().Any(type => type.GetString() is "director" or "representative"))))
            .ToDictionary(company => company.Company, company => company.People, StringComparer.Ordinal);
        var expected = (companies - 1) + people.Values.Sum();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Sumsub: {companies} seeded companies, {seed.GetArrayLength()} of them with a KYB case ({people.Values.Sum()} people to read on the approved ones); limits off."));

        var full = await WorkerRun.RunAsync(settings, configuration, "worker-sumsub-full", cancellationToken);
        var fullCalls = await CallsAsync(sandbox, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  full pass: {Format.Duration(full.WallTime)}, {full.Outcome}: {full.Created} created, {full.Rejected} rejected; {fullCalls} Sumsub calls"));

        // A review event for company 1 queues a run of company 1 alone.
        const string company = "01000001";
        var change = await WorkerRun.RunAsync(settings, configuration with { Arguments = ["--company", company] }, "worker-sumsub-event", cancellationToken);
        var eventCalls = await CallsAsync(sandbox, cancellationToken) - fullCalls;
        var eventBound = 1 + people[company];
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  one review event, its company alone: {Format.Duration(change.WallTime)}, {change.Outcome}; {eventCalls} Sumsub calls"));

        var perCompany = (double)fullCalls / companies;
        return
        [
            Figure.Check("Sumsub calls per managed company, full pass", $"{fullCalls} calls / {Format.Count(companies)}",
                string.Create(CultureInfo.InvariantCulture, $"<= {expected} in all"), Format.Number(perCompany, "0.00"), fullCalls <= expected && full.Failed == 0),
            Figure.Check("  one review event: Sumsub calls", N(eventCalls), string.Create(CultureInfo.InvariantCulture, $"<= {eventBound}"), "-", eventCalls <= eventBound),
        ];
    }

    private static async Task<int> CallsAsync(ContactSync.Testing.SandboxProcess sandbox, CancellationToken cancellationToken)
    {
        var calls = await sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/calls", cancellationToken);
        return calls.EnumerateObject().Sum(route => route.Value.EnumerateObject().Sum(status => status.Value.GetInt32()));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
