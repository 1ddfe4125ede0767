using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>
/// A worker whose clock is off reads HubSpot as one whose clock is right: ahead of HubSpot's by more than the overlap it
/// still reads every change, and behind it still takes the complete read when it is due.
/// </summary>
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
        Assert.True(complete.Output.Contains("(complete read)", StringComparison.Ordinal), complete.Output);

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

    [Fact]
    public async Task A_worker_thirty_minutes_slow_takes_its_complete_read_when_it_is_due()
    {
        await using var rig = await CrmRig.StartAsync(postgres, output);
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__CompleteReadEvery"] = "00:20:00";
        environment["DOTNET_ENVIRONMENT"] = "Testing";
        environment["ContactSync__Testing__ClockOffset"] = "-00:30:00";
        Assert.Contains("(complete read)", (await rig.SyncOnceAsync(environment)).Output, StringComparison.Ordinal);

        // The last complete read 25 minutes ago by HubSpot's and the database's clocks: by the worker's it is in the
        // future, so a check on that clock would keep reading incrementally for another half hour.
        await using (var command = rig.DataSource.CreateCommand(
            "update stream_positions set timepoint = timepoint - 25 * 60000 where source = @source and stream = 'hubspot:complete-read'"))
        {
            command.Parameters.AddWithValue("source", CrmRig.Crm);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Contains("(complete read)", (await rig.SyncOnceAsync(environment)).Output, StringComparison.Ordinal);
    }
}
