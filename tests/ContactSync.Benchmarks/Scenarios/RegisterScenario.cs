using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// The company register as a source: what a full pass costs in register calls per managed company (a profile and one
/// page of officers each, when a company has no more than a page of officers), and what one change costs when only
/// its company is read, as the register's stream queues it (two register calls, one Nexudus write).
/// </summary>
internal static class RegisterScenario
{
    private const string Profile = "GET /company/{number}";
    private const string Officers = "GET /company/{number}/officers";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var companies = settings.RegisterCompanies;
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_register", cancellationToken);
        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "register",
        LimitsOff.SandboxSwitches(companies, "--register-requests-per-window", "0"), cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["ContactSync__ContractResolution__CoworkerField"] = "Custom1",
            ["ContactSync__Sources__0__Type"] = "CompaniesHouse",
            ["ContactSync__Sources__0__BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["ContactSync__Sources__0__ApiKey"] = "sandbox-register-key",
            ["ContactSync__Sources__0__Mode"] = "Upsert",
            // The real key allows 600 requests per 5 minutes (about 300 companies); here the limit is off, so the figures
            // are the calls themselves.
            ["ContactSync__Sources__0__RequestsPerWindow"] = "100000",
        };
        var configuration = LimitsOff.Worker("register", database, sandbox.BaseUrl, environment);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Register: {companies} seeded companies with a register number (plus one on two contracts and one whose contract ended); limits off."));

        var before = await sandbox.GetStatsAsync(cancellationToken);
        var full = await WorkerRun.RunAsync(settings, configuration, "worker-register-full", cancellationToken);
        var fullCalls = (await sandbox.GetStatsAsync(cancellationToken)).Since(before);
        var read = companies; // every managed company that resolves is read; the two that do not cost no register call
        var registerCalls = fullCalls.Count(Profile) + fullCalls.Count(Officers);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  full pass: {Format.Duration(full.WallTime)}, {full.Outcome}: {full.Created} created, {full.Rejected} rejected; {registerCalls} register calls"));

        // One director of company 4 moves: the run the stream would queue reads company 4 alone.
        var company = $"{1_000_004:D8}";
        var register = await sandbox.Client.GetFromJsonAsync<JsonElement>($"_sandbox/register/companies/{company}", cancellationToken);
        var appointment = register.GetProperty("officers").GetProperty("items").EnumerateArray()
            .First(item => item.GetProperty("officer_role").GetString() == "director" && item.GetProperty("links").TryGetProperty("self", out _))
            .GetProperty("links").GetProperty("self").GetString()!.Split('/')[^1];
        using (var moved = await sandbox.Client.PutAsJsonAsync($"_sandbox/register/companies/{company}/officers/{appointment}/address",
                   new { premises = "9", addressLine1 = "Dock Street", locality = "Dundee", postalCode = "DD1 3AA", country = "Scotland" }, cancellationToken))
        {
            moved.EnsureSuccessStatusCode();
        }

        var settled = await sandbox.GetStatsAsync(cancellationToken);
        var change = await WorkerRun.RunAsync(settings, configuration with { Arguments = ["--company", company] }, "worker-register-change", cancellationToken);
        var changeCalls = (await sandbox.GetStatsAsync(cancellationToken)).Since(settled);
        var changeRegister = changeCalls.Count(Profile) + changeCalls.Count(Officers);
        var changeWrites = changeCalls.Count("PUT /api/billing/contractcontacts") + changeCalls.Creates + changeCalls.Count("DELETE /api/billing/contractcontacts/{id}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  one change, its company alone: {Format.Duration(change.WallTime)}, {change.Outcome}; calls: {changeCalls.Describe()}"));

        var perCompany = (double)registerCalls / read;
        return
        [
            Figure.Check("Register calls per managed company, full pass", $"{registerCalls} calls / {Format.Count(read)}", "<= 2.0",
                Format.Number(perCompany, "0.00"), perCompany <= 2.0 && full.Failed == 0),
            Figure.Check("  one register change: register calls", N(changeRegister), "<= 2", "-", changeRegister <= 2),
            Figure.Check("  one register change: Nexudus writes", N(changeWrites), "1", "-", changeWrites == 1 && change.SummaryNumber("Updated") == 1),
        ];
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
