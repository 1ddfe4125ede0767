using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// When Nexudus answers in a way no retry can change (the endpoint missing at the base URL, the login revoked, a role
/// missing), the run stops at once: no more records are sent (each would be charged to the daily budget), none is
/// left in flight or in doubt, and once the configuration is right the next run finishes the source exactly once.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class RefusedConfigurationTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Theory]
    [InlineData("NotFound404", "answered 404: the endpoint does not exist at Nexudus:BaseUrl")]
    [InlineData("Forbidden403", "answered 403")]
    public async Task A_create_refused_for_the_configuration_stops_the_run_after_the_creates_already_on_the_wire(string fault, string reason)
    {
        await using var rig = await ExactlyOnceRig.StartAsync($"refused-{fault}", postgres, output, records: 200);
        await rig.QueueCreateFaultsAsync(fault, count: 10_000);

        var result = await rig.RunSyncOnceAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.StandardOutput, StringComparison.Ordinal);
        // One lane's refusal stops the others after the create each had under way: at most one create per lane.
        var sent = await rig.CreatesSeenAsync();
        Assert.InRange(sent, 1, 4);
        Assert.Equal(0L, await CountAsync(rig, "status = 'in_flight' or in_doubt"));
        rig.Log($"{sent} creates sent before the run stopped on {fault}");

        await rig.ClearScriptedFaultsAsync();
        await rig.RunUntilCompleteAsync(maxRuns: 2);
        Assert.Equal(0, (await ExactlyOnceAssert.HoldsAsync(rig)).Duplicates);
    }

    [Fact]
    public async Task A_login_revoked_mid_run_stops_it_with_nothing_left_in_flight_and_the_new_password_finishes_it()
    {
        // Slow creates, so the revocation finds the run in the middle of its push.
        await using var rig = await ExactlyOnceRig.StartAsync(
            "revoked", postgres, output, records: 300, new SandboxFaults { LatencyMs = 30, JitterMs = 20 });
        var valid = rig.Source.Valid.Count();

        await using var worker = rig.LaunchSyncOnce();
        await rig.WaitForCreatesAsync(worker.Process, valid / 4, "before its login was revoked");
        using (var revoke = await rig.Sandbox.Client.PostAsync("_sandbox/auth/revoke?password=rotated-secret", null))
        {
            revoke.EnsureSuccessStatusCode();
        }

        var exit = await worker.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var atStop = await rig.CreatesSeenAsync();
        rig.Log($"sync-once exited {exit} after the revocation: {ExactlyOnceRig.Summary(worker.StandardOutput)}");

        Assert.Equal(2, exit);
        Assert.Contains("Nexudus refused the configured credentials", worker.StandardOutput, StringComparison.Ordinal);
        // The creates refused with 401 were never processed: released at once, not held in flight for the lease.
        Assert.Equal(0L, await CountAsync(rig, "status = 'in_flight' or in_doubt"));
        Assert.True(atStop < valid, $"The run had finished before the revocation; give the scenario more records {rig.Replay}");

        var environment = rig.WorkerEnvironment();
        environment["Nexudus__Password"] = "rotated-secret";
        await rig.RunUntilCompleteAsync(maxRuns: 2, environment);
        Assert.Equal(0, (await ExactlyOnceAssert.HoldsAsync(rig)).Duplicates);
    }

    private static async Task<long> CountAsync(ExactlyOnceRig rig, string condition)
    {
        await using var command = rig.DataSource.CreateCommand($"select count(*) from sync_records where {condition}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
