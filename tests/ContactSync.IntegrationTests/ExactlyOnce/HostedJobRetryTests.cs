using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>What Hangfire does with a run that cannot succeed, tested on the exception the job really throws.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class HostedJobRetryTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_scheduled_run_whose_credentials_Nexudus_refuses_fails_its_job_without_a_retry()
    {
        await using var rig = await ExactlyOnceRig.StartAsync("refused-login", postgres, output, records: 20);
        var environment = rig.WorkerEnvironment();
        environment["Nexudus__Password"] = "revoked-long-ago";
        environment["ContactSync__Sources__0__Schedule"] = "* * * * * *";
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        await using var host = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");
        host.Start();

        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync("while its runs failed");
                return await CountStatesAsync(rig, "name = 'Failed'") >= 2;
            },
            TimeSpan.FromMinutes(2),
            $"two scheduled runs have failed {rig.Replay}");
        host.SignalTerm();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(40));

        // Each failed job says why in a form an operator can act on, and none was put back for a retry.
        Assert.Equal(0L, await CountStatesAsync(rig, "name = 'Scheduled' and reason like 'Retry attempt%'"));
        Assert.Equal(
            await CountStatesAsync(rig, "name = 'Failed'"),
            await CountStatesAsync(rig, "name = 'Failed' and data::text like '%SyncRunMisconfiguredException%' and data::text like '%Nexudus:Password%'"));
        Assert.Equal(0, await rig.CreatesSeenAsync());
        Assert.All(await rig.RunsAsync(), run => Assert.Contains(run.Status, new[] { "aborted", "skipped" }));
    }

    private static async Task<long> CountStatesAsync(ExactlyOnceRig rig, string condition)
    {
        await using var command = rig.DataSource.CreateCommand(
            $"select count(*) from contactsync_hangfire.state where {condition}");
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "42P01")
        {
            return 0; // Hangfire's schema is not installed yet
        }
    }
}
