using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.Cli;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class SyncOnceBudgetTests(PostgresServer postgres) : IDisposable
{
    private const string Creates = "POST /api/billing/contractcontacts";
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Sync_once_exits_3_when_the_daily_writes_all_processes_share_are_spent_and_a_later_run_sends_the_rest()
    {
        // No minimum spacing in the Sandbox: on a loaded machine two calls sent 150 ms apart can arrive closer, and a
        // 409 would spend an attempt of the budget this test counts.
        await using var sandbox = TestApps.Sandbox(["--min-interval-ms", "0"]);
        await sandbox.StartAsync();
        var csv = Path.Combine(_directory.Path, "contacts.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "source_id,coworker_contract_id,contact_type,full_name",
            "b1,1001,Director,Ada Fenwick",
            "b2,1002,Director,Bo Lind",
            "b3,1003,Director,Carla Mendes",
            "b4,1004,Director,Dev Patel",
        ]);
        var database = await postgres.CreateDatabaseAsync("budget_cli");

        var first = await SyncOnceAsync(Environment(database, sandbox.BaseUrl, csv, writesPerDay: 2));
        var afterFirst = (await sandbox.GetStatsAsync()).Count(Creates);
        // Another process, a budget of 3: the 2 writes the first one spent still count, so only 1 more goes.
        var second = await SyncOnceAsync(Environment(database, sandbox.BaseUrl, csv, writesPerDay: 3));
        var afterSecond = (await sandbox.GetStatsAsync()).Count(Creates);
        var third = await SyncOnceAsync(Environment(database, sandbox.BaseUrl, csv, writesPerDay: 10));

        Assert.True(first.ExitCode == 3, first.Output);
        Assert.Contains("Outcome:   budget_exhausted", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 writes per day is spent", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 3, second.Output);
        Assert.Equal((2, 3), (afterFirst, afterSecond));
        Assert.True(third.ExitCode == 0, third.Output);
        Assert.Equal(4, (await sandbox.GetStatsAsync()).Count(Creates));
        Assert.Equal(4, (await sandbox.GetContactsAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Refuses_to_start_with_a_daily_write_budget_of_zero_and_names_the_key()
    {
        var environment = Environment(await postgres.CreateDatabaseAsync("budget_config"), new Uri("http://127.0.0.1:9/"), "contacts.csv", writesPerDay: 0);

        var result = await SyncOnceAsync(environment);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("Nexudus:WritesPerDay", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("(env Nexudus__WritesPerDay)", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<ProcessResult> SyncOnceAsync(Dictionary<string, string> environment)
    {
        await using var worker = new WorkerProcess(environment, "sync-once", "--source", "budget");
        return await worker.RunToExitAsync(RunDeadline);
    }

    private static Dictionary<string, string> Environment(string database, Uri nexudus, string csv, int writesPerDay) => new()
    {
        ["ConnectionStrings__ContactSync"] = database,
        ["Nexudus__BaseUrl"] = nexudus.ToString(),
        ["Nexudus__Username"] = SandboxProcess.DefaultUsername,
        ["Nexudus__Password"] = SandboxProcess.DefaultPassword,
        ["Nexudus__WritesPerDay"] = writesPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ContactSync__Sources__0__Name"] = "budget",
        ["ContactSync__Sources__0__Type"] = "Csv",
        ["ContactSync__Sources__0__Path"] = csv,
        ["ContactSync__Sources__0__Schedule"] = "0 0 1 1 *",
    };
}
