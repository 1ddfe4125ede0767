using System.Globalization;
using System.Net.Http.Json;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// HubSpot CRM as a source: what a complete read costs in CRM calls per page of 100 contacts (a list page, an association
/// batch read and a company batch read), what an incremental run costs with nothing changed (one search), and with
/// 100 contacts changed (a search page and its two batch reads), with the Nexudus writes those changes make.
/// </summary>
internal static class CrmScenario
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var companies = settings.RegisterCompanies;
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_crm", cancellationToken);
        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "crm",
        LimitsOff.SandboxSwitches(companies), cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["ContactSync__ContractResolution__CoworkerField"] = "Custom1",
            ["ContactSync__Sources__0__Type"] = "HubSpot",
            ["ContactSync__Sources__0__BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["ContactSync__Sources__0__AccessToken"] = "pat-sandbox-0000",
            ["ContactSync__Sources__0__RoleLabels__5"] = "Director",
            ["ContactSync__Sources__0__RoleLabels__7"] = "NominatedRecipient",
            ["ContactSync__Sources__0__CompanyRefProperty"] = "company_number",
            ["ContactSync__Sources__0__DateOfBirthProperty"] = "date_of_birth",
            ["ContactSync__Sources__0__Mode"] = "Upsert",
        };
        var configuration = LimitsOff.Worker("crm", database, sandbox.BaseUrl, environment);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"CRM: HubSpot contacts of {companies} seeded companies, roles by association label, company numbers from a company property; limits off."));

        var full = await WorkerRun.RunAsync(settings, configuration, "worker-crm-complete", cancellationToken);
        var completeCalls = await CallsAsync(sandbox, cancellationToken);
        var contacts = await ContactCountAsync(sandbox, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  complete read: {Format.Duration(full.WallTime)}, {full.Outcome}: {full.Created} created, {full.Rejected} rejected; {contacts} contacts, CRM calls {Describe(completeCalls)}"));

        var noOp = await WorkerRun.RunAsync(settings, configuration, "worker-crm-noop", cancellationToken);
        var noOpCalls = Since(await CallsAsync(sandbox, cancellationToken), completeCalls);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  incremental, nothing changed: {Format.Duration(noOp.WallTime)}, {noOp.Outcome}; CRM calls {Describe(noOpCalls)}"));

        // 100 nominated recipients (contact k=0 of companies 3, 4, ...) get a new phone number.
        var changed = Enumerable.Range(3, 100).Select(n => (100_000 + (n * 10)).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var contact in changed)
        {
            using var patched = await sandbox.Client.PatchAsJsonAsync($"_sandbox/hubspot/contacts/{contact}", new { properties = new { phone = "+44 161 496 0100" } }, cancellationToken);
            patched.EnsureSuccessStatusCode();
        }

        var beforeChange = await CallsAsync(sandbox, cancellationToken);
        var change = await WorkerRun.RunAsync(settings, configuration, "worker-crm-change", cancellationToken);
        var changeCalls = Since(await CallsAsync(sandbox, cancellationToken), beforeChange);
        var updated = change.SummaryNumber("Updated");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  incremental, 100 contacts changed: {Format.Duration(change.WallTime)}, {change.Outcome}: {updated} updated; CRM calls {Describe(changeCalls)}"));

        var pages = Math.Max(1, completeCalls.GetValueOrDefault("list"));
        var perPage = (double)completeCalls.Values.Sum() / pages;
        var accounted = updated + change.Rejected;
        var noOpTotal = noOpCalls.Values.Sum();
        var changeTotal = changeCalls.Values.Sum();
        return
        [
            Figure.Check("CRM calls per page of 100 contacts, complete read", $"{completeCalls.Values.Sum()} calls / {pages} pages", "<= 3.0",
                Format.Number(perPage, "0.00"), perPage <= 3.0 && full.Failed == 0),
            Figure.Check("  incremental, nothing changed: CRM calls", N(noOpTotal), "1 (a search)", "-", noOpTotal == 1 && noOpCalls.GetValueOrDefault("search") == 1),
            Figure.Check("  incremental, 100 changes: CRM calls", N(changeTotal), "<= 4", "-", changeTotal <= 4 && change.Failed == 0),
            // Each changed contact is one nominated recipient: updated, or rejected again (a birth date it cannot read, its company's contract).
            Figure.Check("  incremental, 100 changes: updated + rejected", $"{updated} + {change.Rejected}", "100", "-", accounted == 100 && change.Created == 0),
        ];
    }

    private static async Task<Dictionary<string, int>> CallsAsync(SandboxProcess sandbox, CancellationToken cancellationToken)
        => await sandbox.Client.GetFromJsonAsync<Dictionary<string, int>>("_sandbox/hubspot/calls", cancellationToken) ?? [];

    private static async Task<int> ContactCountAsync(SandboxProcess sandbox, CancellationToken cancellationToken)
        => (await sandbox.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("_sandbox/hubspot/contacts", cancellationToken)).GetArrayLength();

    private static Dictionary<string, int> Since(Dictionary<string, int> now, Dictionary<string, int> before)
        => now.Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key))).Where(pair => pair.Count != 0).ToDictionary(pair => pair.Key, pair => pair.Count);

    private static string Describe(Dictionary<string, int> calls)
        => calls.Count == 0 ? "none" : string.Join(", ", calls.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
