using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>A worker whose clock runs ahead of HubSpot's by more than the overlap still reads every change.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class FastClockCrmTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_worker_five_minutes_fast_misses_no_CRM_change_after_a_complete_read()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        // Less than the skew: a watermark taken from the worker's clock would start the next search after the change.
        environment["ContactSync__Sources__0__Overlap"] = "00:01:00";
        environment["DOTNET_ENVIRONMENT"] = "Testing";
        environment["ContactSync__Testing__ClockOffset"] = "00:05:00";

        var complete = await rig.SyncOnceAsync(environment);
        Assert.Contains("(complete read)", complete.Output, StringComparison.Ordinal);

        // Modified now by HubSpot's (the Sandbox's) clock, five minutes behind the worker's.
        await rig.PatchContactAsync("100031", new { phone = "+44 161 496 0131" });
        var next = await rig.SyncOnceAsync(environment);

        Assert.Contains("(incremental read)", next.Output, StringComparison.Ordinal);
        Assert.Equal(2, ExactlyOnceRig.Count(next.StandardOutput, "Updated"));
        var records = await rig.RecordsAsync();
        foreach (var key in new[] { "100031/2000003/director", "100031/2000003/nominated-recipient" })
        {
            Assert.Equal("+44 161 496 0131", (await rig.ContactAsync(records[key].NexudusId!.Value))!.Value.GetProperty("PhoneNumber").GetString());
        }
    }
}
