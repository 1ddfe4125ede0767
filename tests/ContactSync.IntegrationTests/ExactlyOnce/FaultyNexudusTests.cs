using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class FaultyNexudusTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_valid_record_lands_exactly_once_when_a_fifth_of_the_calls_fail()
    {
        var records = ExactlyOnceSettings.FaultRecords;
        var rate = ExactlyOnceSettings.FaultRate;
        await using var rig = await ExactlyOnceRig.StartAsync(
            "faults", postgres, output, records, SandboxFaults.Mixed(rate));

        var runs = await rig.RunUntilCompleteAsync(maxRuns: 8);

        var faults = await rig.FaultsInjectedAsync();
        rig.Log($"{runs} runs; faults injected: {string.Join(", ", faults.Select(f => $"{f.Key} {f.Value}"))}");
        Assert.True(faults.Values.Sum() >= records * rate / 2, $"Expected about {rate:P0} of the calls to fail {rig.Replay}");
        Assert.True(faults.GetValueOrDefault("dropped") > 0, $"Expected dropped answers, commit-then-drop among them {rig.Replay}");
        var report = await ExactlyOnceAssert.HoldsAsync(rig);
        Assert.Equal(0, report.Duplicates);
    }
}
