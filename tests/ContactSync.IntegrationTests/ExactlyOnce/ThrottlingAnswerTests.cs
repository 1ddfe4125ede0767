using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// Nexudus throttles in two ways: the documented 409 with Retry-After, and the 429 live accounts send with the wait
/// only in its body. Either proves the call was not processed: it is waited out and sent again, never lost, never doubled.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class ThrottlingAnswerTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Theory]
    [InlineData("Throttle429")]
    [InlineData("Throttle409")]
    public async Task Throttled_creates_are_waited_out_with_no_write_lost_or_repeated(string kind)
    {
        await using var rig = await ExactlyOnceRig.StartAsync($"throttled-{kind}", postgres, output, records: 60);
        // Few enough that the circuit breaker, which counts throttling as Nexudus pushing back, stays closed.
        await rig.QueueCreateFaultsAsync(kind, count: 6);

        var result = await rig.RunSyncOnceAsync();

        var stats = await rig.Sandbox.GetStatsAsync();
        var status = kind == "Throttle429" ? 429 : 409;
        rig.Log($"exit {result.ExitCode}; {stats.Count(ExactlyOnceRig.ContactsRoute, status)} creates answered {status}, {stats.Creates} created");
        Assert.Equal(6, stats.Count(ExactlyOnceRig.ContactsRoute, status));
        Assert.Equal(rig.Source.Valid.Count(), stats.Creates);
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }
}
