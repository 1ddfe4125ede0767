using System.Diagnostics;
using System.Text.Json;
using ContactSync.IntegrationTests.Infrastructure;
using ContactSync.Testing;
using Xunit.Abstractions;

namespace ContactSync.IntegrationTests.Register;

/// <summary>The register's stream, listened to by the worker host: a change on a managed company reaches Nexudus alone.</summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class RegisterStreamTests(PostgresServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_change_on_a_managed_company_queues_a_run_of_just_that_company_which_reaches_Nexudus_within_the_target()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output, "--register-keep-alive-seconds", "1");
        var environment = StreamEnvironment(rig);
        Assert.Equal(1, (await rig.SyncOnceAsync(environment)).ExitCode);
        var company = RegisterRig.Number(4);
        var director = (await rig.OfficersAsync(company)).First(officer => officer.Role == "director" && !officer.Resigned && officer.Appointment.Length > 0);
        var contactId = (await rig.RecordAsync(director.Appointment)).NexudusId!.Value;

        await using var host = new WorkerProcess(environment, "run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}");

        // The firehose carries every company's changes: the listener reads past them (and keeps its place) without a run.
        await StartListeningAsync(rig, host);
        var stats = await rig.Sandbox.GetStatsAsync();

        var clock = Stopwatch.StartNew();
        await rig.PutAsync($"_sandbox/register/companies/{company}/officers/{director.Appointment}/address",
            new { premises = "2", addressLine1 = "Quay Street", locality = "Galway City", postalCode = "H91 1AB", country = "Ireland" });
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await host.Process.ThrowIfExitedAsync("while the change was on its way");
                return (await rig.ContactAsync(contactId)) is { } contact && contact.GetProperty("CityName").GetString() == "Galway City";
            },
            Target,
            "the new address reached Nexudus");
        var elapsed = clock.Elapsed;
        await WaitForRunsToSettleAsync(rig);
        var calls = (await rig.Sandbox.GetStatsAsync()).Since(stats);
        rig.Log($"register change in Nexudus after {elapsed.TotalSeconds:0.0} s: {calls.Describe()}");

        Assert.Equal(1, calls.Count("GET /company/{number}"));
        Assert.Equal(1, calls.Count("GET /company/{number}/officers"));
        Assert.Equal((1, 0, 0), (calls.Count("PUT /api/billing/contractcontacts"), calls.Creates, calls.Count("DELETE /api/billing/contractcontacts/{id}")));

        // The queued job names the company by number only.
        await using var jobs = rig.DataSource.CreateCommand(
            "select invocationdata::text, arguments::text from contactsync_hangfire.job where invocationdata::text like '%RunCompaniesAsync%'");
        await using var reader = await jobs.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no run of companies was queued");
        var arguments = reader.GetString(1);
        Assert.Contains(company, arguments, StringComparison.Ordinal);
        Assert.DoesNotContain(director.Name.Split(',')[0], arguments, StringComparison.OrdinalIgnoreCase);
        Assert.False(await reader.ReadAsync(), "more than one run was queued for one change");
        host.SignalTerm();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task A_listener_back_after_the_stream_forgot_its_place_starts_from_now_and_queues_a_full_pass()
    {
        await using var rig = await RegisterRig.StartAsync(postgres, output, "--register-keep-alive-seconds", "1");
        var environment = StreamEnvironment(rig);
        Assert.Equal(1, (await rig.SyncOnceAsync(environment)).ExitCode);

        var urls = $"http://127.0.0.1:{FreeTcpPort.Next()}";
        await using (var first = new WorkerProcess(environment, "run", "--urls", urls))
        {
            await StartListeningAsync(rig, first);
            first.SignalTerm();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(40));
        }

        // Down longer than the stream keeps its events: what happened meanwhile, and the listener's place, are gone.
        var saved = await PositionAsync(rig, "officers");
        await rig.PostAsync("_sandbox/register/stream/noise?count=20", new { });
        await rig.PostAsync("_sandbox/register/stream/expire", new { });
        await using var second = new WorkerProcess(environment, "run", "--urls", urls);
        second.Start();

        await Eventually.WaitUntilAsync(
            async () =>
            {
                await second.Process.ThrowIfExitedAsync("while it caught up");
                await using var runs = rig.DataSource.CreateCommand("select count(*) from sync_runs where trigger = 'stream' and status <> 'running' and status <> 'skipped'");
                return (long)(await runs.ExecuteScalarAsync())! >= 1;
            },
            TimeSpan.FromMinutes(2),
            "a full pass queued by the listener ran");
        await using (var jobs = rig.DataSource.CreateCommand(
                         "select count(*) from contactsync_hangfire.job where invocationdata::text like '%RunFullPassAsync%'"))
        {
            Assert.Equal(1L, (long)(await jobs.ExecuteScalarAsync())!);
        }

        // It resumed from now, not from the place the register no longer has.
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await rig.PostAsync("_sandbox/register/stream/noise?count=5", new { });
                return await PositionAsync(rig, "officers") is { } now && now > saved;
            },
            TimeSpan.FromMinutes(1),
            "the listener saved a new place");
        second.SignalTerm();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>A worker environment whose register source listens to the Sandbox's streams, and whose Hangfire polls every second.</summary>
    private static Dictionary<string, string> StreamEnvironment(RegisterRig rig)
    {
        var environment = rig.Environment("Upsert");
        environment["ContactSync__Sources__0__StreamKey"] = "sandbox-stream-key";
        environment["ContactSync__Sources__0__StreamUrl"] = new Uri(rig.Sandbox.BaseUrl, "stream").ToString();
        environment["Hangfire__QueuePollInterval"] = "00:00:01";
        return environment;
    }

    /// <summary>Starts the host and waits until its listener leads and has saved a place in the officers stream (firehose noise moves it).</summary>
    private static async Task StartListeningAsync(RegisterRig rig, WorkerProcess host)
    {
        host.Start();
        await host.WaitForOutputAsync("listens to the register's streams", TimeSpan.FromMinutes(1));
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await rig.PostAsync("_sandbox/register/stream/noise?count=20", new { });
                return await PositionAsync(rig, "officers") is not null;
            },
            TimeSpan.FromMinutes(1),
            "the listener saved its place in the officers stream");
    }

    private static async Task<long?> PositionAsync(RegisterRig rig, string stream)
    {
        await using var command = rig.DataSource.CreateCommand("select timepoint from stream_positions where source = @source and stream = @stream");
        command.Parameters.AddWithValue("source", RegisterRig.SourceName);
        command.Parameters.AddWithValue("stream", stream);
        return await command.ExecuteScalarAsync() as long?;
    }

    private static Task WaitForRunsToSettleAsync(RegisterRig rig) => Eventually.WaitUntilAsync(
        async () =>
        {
            await using var command = rig.DataSource.CreateCommand("select count(*) from sync_runs where status = 'running'");
            return (long)(await command.ExecuteScalarAsync())! == 0;
        },
        TimeSpan.FromSeconds(30),
        "the stream's run ended");
}
