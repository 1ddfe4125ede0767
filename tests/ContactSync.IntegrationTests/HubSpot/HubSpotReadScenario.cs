using ContactSync.IntegrationTests.ExactlyOnce;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>
/// A HubSpot source's first three runs, walked through once for the tests of a class: a complete read of the 21 seeded
/// contacts (five a page), an incremental read with nothing changed, and one after a contact's phone changed. What
/// each run sent to HubSpot, wrote to Nexudus and left in the ledger is kept here for the tests to check.
/// </summary>
public sealed class HubSpotReadScenario(PostgresServer postgres, IMessageSink sink) : IAsyncLifetime
{
    /// <summary>The contact whose phone changes before the third run: one person, director and nominated recipient of company 3.</summary>
    public const string Changed = "100031";

    public ScenarioLog Log { get; } = new(sink);

    /// <summary>The CRM requests by endpoint (search, list, associations, companies) after each run: counts since the Sandbox started.</summary>
    public IReadOnlyDictionary<string, int> CallsAfterFirst { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, int> CallsAfterSecond { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, int> CallsAfterThird { get; private set; } = new Dictionary<string, int>();

    /// <summary>The ledger after the first run: key → (status, contact, reason).</summary>
    public IReadOnlyDictionary<string, (string Status, int? NexudusId, string? Reason)> RecordsAfterFirst { get; private set; } =
        new Dictionary<string, (string, int?, string?)>();

    /// <summary>How each run ended.</summary>
    public ProcessResult First { get; private set; } = new(-1, "", "");

    public ProcessResult Second { get; private set; } = new(-1, "", "");

    public ProcessResult Third { get; private set; } = new(-1, "", "");

    /// <summary>The writes Nexudus saw during the second run.</summary>
    public int WritesInSecond { get; private set; } = -1;

    public async Task InitializeAsync()
    {
        await using var rig = await CrmRig.StartAsync(postgres, Log);
        var environment = rig.Environment();

        First = await rig.SyncOnceAsync(environment);
        CallsAfterFirst = await rig.CrmCallsAsync();
        RecordsAfterFirst = await rig.RecordsAsync();

        var stats = await rig.Sandbox.GetStatsAsync();
        Second = await rig.SyncOnceAsync(environment);
        CallsAfterSecond = await rig.CrmCallsAsync();
        WritesInSecond = await rig.WritesSinceAsync(stats);

        await rig.PatchContactAsync(Changed, new { phone = "+44 20 7946 1234" });
        Third = await rig.SyncOnceAsync(environment);
        CallsAfterThird = await rig.CrmCallsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>How many records a run's summary lists under <paramref name="action"/> (Created, Updated, …).</summary>
    public static int Count(ProcessResult run, string action) => ExactlyOnceRig.Count(run.StandardOutput, action);
}
