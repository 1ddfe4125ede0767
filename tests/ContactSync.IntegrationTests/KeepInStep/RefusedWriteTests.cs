using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.KeepInStep;

/// <summary>
/// A write Nexudus refused (<c>200 WasSuccessful:false</c>) is a record the run did not get right: counted in the run,
/// its outcome completed_with_errors and <c>sync-once</c>'s exit code 1, never a run that succeeded.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class RefusedWriteTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string Contacts = "/api/billing/contractcontacts";
    private const string Delete = "DELETE /api/billing/contractcontacts/{id}";

    [Fact]
    public async Task A_refused_removal_makes_the_run_completed_with_errors_and_exits_1()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("refused-removal", postgres, output, records: 10, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Mode"] = "Mirror" };
        Assert.Equal(0, (await rig.RunSyncOnceAsync(environment)).ExitCode);
        var gone = rig.Source.Rows.Take(2).Select(row => row.SourceId).ToList();

        // Two people leave the source, and Nexudus refuses both removals.
        rig.Source.Drop([.. gone]);
        await rig.Source.WriteAsync(rig.CsvPath);
        await rig.QueueFaultsAsync("Refused", 2, "DELETE", Contacts);
        var stats = await rig.Sandbox.GetStatsAsync();
        var refused = await rig.RunSyncOnceAsync(environment);

        Assert.Equal(2, (await rig.Sandbox.GetStatsAsync()).Since(stats).Count(Delete));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Outcome:   completed_with_errors", refused.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, ExactlyOnceRig.Count(refused.StandardOutput, "Failed"));
        Assert.Equal(("completed_with_errors", 2, 0, 10), await LatestRunAsync(rig));
        Assert.Equal(10, await rig.Sandbox.CountContactsAsync());

        // Each stays visible as failed, with why, among the records of the run that tried it.
        foreach (var sourceId in gone)
        {
            var (status, reason, inRun) = await RecordAsync(rig, sourceId);
            Assert.Equal(("failed", true), (status, inRun));
            Assert.StartsWith("Removal not done: ", reason, StringComparison.Ordinal);
        }

        // The next run removes them, and counts each once: removed, not failed as well.
        var retried = await rig.RunSyncOnceAsync(environment);
        Assert.Equal(0, retried.ExitCode);
        Assert.Equal(("succeeded", 0, 2, 8), await LatestRunAsync(rig));
        Assert.Equal(8, await rig.Sandbox.CountContactsAsync());
        Assert.Equal(2, await rig.CountWithStatusAsync("removed"));
    }

    [Fact]
    public async Task A_removal_refused_while_identity_checks_run_makes_the_run_completed_with_errors_and_exits_1()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("removal-aml-pending", postgres, output, records: 10, invalidShare: 0);
        var environment = new Dictionary<string, string>(rig.WorkerEnvironment()) { ["ContactSync__Sources__0__Mode"] = "Mirror" };
        await rig.RunSyncOnceAsync(environment);
        var row = rig.Source.Rows[3];

        // Nexudus will not remove a contact whose AML check is pending.
        await rig.EditInNexudusAsync(await rig.NexudusIdAsync(row.SourceId), contact => contact["AmlCheckStatus"] = 1);
        rig.Source.Drop([row.SourceId]);
        await rig.Source.WriteAsync(rig.CsvPath);
        var refused = await rig.RunSyncOnceAsync(environment);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(1, ExactlyOnceRig.Count(refused.StandardOutput, "Failed"));
        Assert.Equal(("completed_with_errors", 1, 0, 10), await LatestRunAsync(rig));
        Assert.Equal("failed", await rig.StatusOfAsync(row.SourceId));
    }

    [Fact]
    public async Task A_refused_update_makes_the_run_completed_with_errors_and_exits_1()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("refused-update", postgres, output, records: 10, invalidShare: 0);
        Assert.Equal(0, (await rig.RunSyncOnceAsync()).ExitCode);
        var row = rig.Source.Rows[0];

        rig.Source.Edit(0, r => r with { City = "Leeds" });
        await rig.Source.WriteAsync(rig.CsvPath);
        await rig.QueueFaultsAsync("Refused", 1, "PUT", Contacts);
        var refused = await rig.RunSyncOnceAsync();

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Outcome:   completed_with_errors", refused.StandardOutput, StringComparison.Ordinal);
        // Refused as Nexudus refuses data: rejected with its reason until the source changes it or an operator retries.
        Assert.Equal(1, ExactlyOnceRig.Count(refused.StandardOutput, "Rejected") + ExactlyOnceRig.Count(refused.StandardOutput, "Failed"));
        Assert.Equal("completed_with_errors", (await LatestRunAsync(rig)).Status);
        var (status, reason, inRun) = await RecordAsync(rig, row.SourceId);
        Assert.Equal(("rejected", true), (status, inRun));
        Assert.Contains("WasSuccessful: false", reason, StringComparison.Ordinal);
    }

    /// <summary>The latest run's status and counts as sync_runs holds them.</summary>
    private static async Task<(string Status, int Failed, int Removed, int Total)> LatestRunAsync(ExactlyOnceRig rig)
    {
        await using var command = rig.DataSource.CreateCommand(
            "select status, failed, removed, total from sync_runs where status <> 'skipped' order by started_at desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    /// <summary>A record's status and reason, and whether it is among the latest run's records.</summary>
    private static async Task<(string Status, string Reason, bool InLatestRun)> RecordAsync(ExactlyOnceRig rig, string sourceId)
    {
        await using var command = rig.DataSource.CreateCommand(
            """
            select r.status, coalesce(r.last_error, ''),
                   r.last_run_id = (select id from sync_runs where status <> 'skipped' order by started_at desc limit 1)
            from sync_records r where r.source_id = @id
            """);
        command.Parameters.AddWithValue("id", sourceId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2));
    }
}
