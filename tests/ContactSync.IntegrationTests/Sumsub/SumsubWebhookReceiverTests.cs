using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.IntegrationTests.Register;
using ContactSync.Testing;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Infrastructure.ContactJson;

namespace ContactSync.IntegrationTests.Sumsub;

/// <summary>
/// Sumsub's review webhooks, received by the worker host as Sumsub sends them (the Sandbox signs and resends them):
/// an approval reaches Nexudus within the target by a run of its company alone; a resend is accepted and ignored; a
/// bad digest is refused and changes nothing.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class SumsubWebhookReceiverTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Source = SumsubEnvironment.Source;
    private const string Secret = "kyc-webhook-secret-for-tests";
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_approval_by_webhook_reaches_Nexudus_within_the_target_a_resend_is_ignored_and_a_bad_digest_refused()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output);
        var environment = Environment(rig);
        await rig.SyncOnceAsync(Source, environment);
        var seed = await rig.Sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/seed");
        var pending = seed.EnumerateArray().SelectMany(company => company.GetProperty("beneficiaries").EnumerateArray())
            .First(person => person.GetProperty("role").GetString() == "pending-director").GetProperty("applicantId").GetString()!;
        var key = $"{pending}/01000001/director";
        Assert.Null((await rig.RecordAsync(key, Source)).NexudusId);

        var port = FreeTcpPort.Next();
        await using var host = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{port}");
        host.Start();
        await host.WaitForOutputAsync("Now listening on", TimeSpan.FromMinutes(1));
        using (var settings = await rig.Sandbox.Client.PutAsJsonAsync("_sandbox/sumsub/webhooks/settings",
                   new { urls = new[] { $"http://127.0.0.1:{port}/hooks/sumsub/{Source}" }, secret = Secret }))
        {
            settings.EnsureSuccessStatusCode();
        }

        var clock = Stopwatch.StartNew();
        await rig.PostAsync($"_sandbox/sumsub/applicants/{pending}/approve", new { });
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync("while the approval was on its way");
                return (await rig.RecordAsync(key, Source)) is ("synced", { } _);
            },
            Target,
            "the approved director reached Nexudus");
        rig.Log($"approval in Nexudus {clock.Elapsed.TotalSeconds:0.0} s after Sumsub's webhook");
        var contact = (await rig.ContactAsync((await rig.RecordAsync(key, Source)).NexudusId!.Value))!.Value;
        Assert.Equal("Siân Pritchard-Ellis", Text(contact, "FullName"));

        // The run was of company 01000001 alone, and its job names the company only.
        Assert.Equal(["01000001"], await CompanyRunArgumentsAsync(rig));
        var deliveries = await DeliveriesAsync(rig);
        var delivered = Assert.Single(deliveries);
        Assert.Equal(200, delivered.GetProperty("statusCode").GetInt32());

        // Sumsub resends the same event (same correlation id): accepted, and no second run.
        var id = delivered.GetProperty("deliveryId").GetInt32();
        using (var resend = await rig.Sandbox.Client.PostAsJsonAsync($"_sandbox/sumsub/webhooks/{id}/resend", new { badDigest = false }))
        {
            resend.EnsureSuccessStatusCode();
        }

        // A forged one: refused with 401, nothing queued.
        using (var forged = await rig.Sandbox.Client.PostAsJsonAsync($"_sandbox/sumsub/webhooks/{id}/resend", new { badDigest = true }))
        {
            forged.EnsureSuccessStatusCode();
        }

        await Eventually.WaitUntilAsync(async () => (await DeliveriesAsync(rig)).Count(d => d.TryGetProperty("statusCode", out var code) && code.ValueKind == JsonValueKind.Number) >= 3,
            TimeSpan.FromSeconds(30), "the resend and the forgery were answered");
        var answers = (await DeliveriesAsync(rig)).Skip(1).Select(d => (d.GetProperty("badDigest").GetBoolean(), d.GetProperty("statusCode").GetInt32())).ToList();
        Assert.Contains((false, 200), answers);
        Assert.Contains((true, 401), answers);
        await Eventually.WaitUntilAsync(() => Task.FromResult(host.StandardOutput.Contains("was handled already", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the resend was handled");
        Assert.Equal(["01000001"], await CompanyRunArgumentsAsync(rig));
        Assert.DoesNotContain("Pritchard", host.StandardOutput, StringComparison.OrdinalIgnoreCase);
        host.SignalTerm();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(40));
    }

    private static Dictionary<string, string> Environment(RegisterRig rig) => SumsubEnvironment.For(rig, webhookSecret: Secret);

    private static async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(RegisterRig rig)
        => [.. (await rig.Sandbox.Client.GetFromJsonAsync<JsonElement>("_sandbox/sumsub/webhooks")).EnumerateArray().Select(d => d.Clone())];

    // Every company a queued run of companies named, in order.
    private static async Task<IReadOnlyList<string>> CompanyRunArgumentsAsync(RegisterRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select arguments::text from contactsync_hangfire.job where invocationdata::text like '%RunCompaniesAsync%' order by id");
        var companies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var arguments = JsonDocument.Parse(reader.GetString(0)).RootElement;
            companies.AddRange(JsonDocument.Parse(arguments[1].GetString()!).RootElement.EnumerateArray().Select(company => company.GetString()!));
        }

        return companies;
    }
}
