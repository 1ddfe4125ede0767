using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ContactSync.Benchmarks.Processes;
using ContactSync.Benchmarks.Reporting;
using ContactSync.Core.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ContactSync.Benchmarks.Scenarios;

/// <summary>
/// The dashboard under a crowd: a ledger of 1,000,000 records (100,000 quick) and 200 readers looping over the
/// records and runs lists while a queued run updates 20 contacts. The run's time is held against the same run with
/// nobody reading; the readers' answers must be 200 or 429, the served ones fast, and readiness must hold throughout.
/// </summary>
internal static partial class LoadedDashboardScenario
{
    private const int Readers = 200;
    private const int Records = 20;
    private const string User = "operator";
    private const string Password = "operator-password-1";

    private static readonly string[] Queries =
    [
        "contactsync/api/records", "contactsync/api/records?status=failed", "contactsync/api/records?source=bulk&status=synced",
        "contactsync/api/records?q=key-00042", "contactsync/api/records?status=held", "contactsync/api/runs", "contactsync/",
    ];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var ledger = settings.Quick ? 100_000 : 1_000_000;
        var database = await Databases.CreateAsync(settings.PostgresConnectionString, "bench_loaded", cancellationToken);
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await new DatabaseMigrator(dataSource, TimeProvider.System, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
            await BulkLedger.SeedAsync(dataSource, ledger, cancellationToken);
        }

        await using var sandbox = await BenchmarkSandbox.StartAsync(settings, "loaded-dashboard", LimitsOff.SandboxSwitches(contracts: 5), cancellationToken);
        var csv = Path.Combine(settings.WorkDirectory, "loaded-dashboard.csv");
        await WriteCsvAsync(csv, "London");
        var worker = LimitsOff.Worker("load", database, sandbox.BaseUrl, new Dictionary<string, string>());
        await WorkerRun.RunAsync(settings, worker with { CsvPath = csv }, "loaded-dashboard-first", cancellationToken);

        var port = FreeTcpPort.Next();
        var environment = WorkerRun.Environment(worker with { CsvPath = csv });
        environment["Dashboard__Username"] = User;
        environment["Dashboard__Password"] = Password;
        await using var host = DotnetApp.Create(settings.WorkerDll, ["run", "--urls", $"http://127.0.0.1:{port}"], environment,
            Path.Combine(settings.WorkDirectory, "loaded-dashboard-host.log"));
        host.Start();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = Readers * 2 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        await WaitReadyAsync(http, host, cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        var token = WebUtility.HtmlDecode(TokenField().Match(await http.GetStringAsync("contactsync/", cancellationToken)).Groups[1].Value);

        await WriteCsvAsync(csv, "Leeds");
        var quiet = await RunAndTimeAsync(http, token, database, cancellationToken);

        await WriteCsvAsync(csv, "York");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var served = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var unready = 0;
        var readers = Enumerable.Range(0, Readers).Select(i => ReadAsync(http, Queries[i % Queries.Length], served, statuses, stop.Token)).ToList();
        var probe = Task.Run(async () =>
        {
            using var probes = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await probes.GetAsync("health/ready", stop.Token);
                    unready += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                    await Task.Delay(200, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    unready++;
                }
            }
        }, CancellationToken.None);

        // Let the crowd build up before the run is queued.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var loaded = await RunAndTimeAsync(http, token, database, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        await probe;

        var times = served.Order().ToList();
        var p95 = times.Count == 0 ? double.NaN : times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        var errors = statuses.Where(pair => pair.Key is not (200 or 429)).Sum(pair => pair.Value);
        var ratio = loaded.TotalSeconds / quiet.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Loaded dashboard: {ledger:N0} ledger records, {Readers} readers; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"served p95 {p95:0} ms; readiness failed {unready} time(s); a run of {Records} updates {Format.Duration(quiet)} quiet, {Format.Duration(loaded)} loaded."));
        return
        [
            Figure.Check(string.Create(CultureInfo.InvariantCulture, $"Dashboard answers other than 200/429, {Readers} readers at {ledger:N0} records"),
                errors.ToString(CultureInfo.InvariantCulture), "0", errors == 0 ? "0" : "∞", errors == 0),
            Figure.Check(string.Create(CultureInfo.InvariantCulture, $"Served list time, p95, {Readers} readers at {ledger:N0} records"), $"{p95:0} ms", "<= 1,000 ms",
                Format.Number(p95 / 1000, "0.00"), p95 <= 1000),
            Figure.Check("Readiness failures while the dashboard is loaded", unready.ToString(CultureInfo.InvariantCulture), "0", unready == 0 ? "0" : "∞", unready == 0),
            Figure.Check($"A run of {Records} updates, loaded against quiet", $"{loaded.TotalSeconds:0.0} s vs {quiet.TotalSeconds:0.0} s", "<= 1.5x",
                Format.Number(ratio / 1.5, "0.00"), ratio <= 1.5),
        ];
    }

    private static async Task ReadAsync(HttpClient http, string path, ConcurrentBag<double> served, ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(path, stop);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await response.Content.ReadAsByteArrayAsync(stop);
                    served.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // As a well-behaved client would: wait what Retry-After says.
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Queues a run of the source from the dashboard and returns its duration as the ledger records it.</summary>
    private static async Task<TimeSpan> RunAndTimeAsync(HttpClient http, string token, string database, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var before = await LatestRunAsync(dataSource, cancellationToken);
        while (true)
        {
            using var queued = await http.PostAsync("contactsync/actions/run", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["source"] = "load",
            }), cancellationToken);
            if (queued.StatusCode == HttpStatusCode.Redirect)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        while (true)
        {
            await using var command = dataSource.CreateCommand(
                "select id, finished_at - started_at from sync_runs where source = 'load' and finished_at is not null order by started_at desc limit 1");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetGuid(0) != before)
            {
                return reader.GetFieldValue<TimeSpan>(1);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<Guid?> LatestRunAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select id from sync_runs where source = 'load' order by started_at desc limit 1");
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    private static async Task WaitReadyAsync(HttpClient http, ChildProcess host, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await host.ThrowIfExitedAsync("starting the dashboard host");
            try
            {
                using var response = await http.GetAsync("health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("The dashboard host did not become ready within a minute.");
    }

    private static async Task WriteCsvAsync(string path, string city)
        => await File.WriteAllTextAsync(path, "source_id,coworker_contract_id,contact_type,full_name,city\n" + string.Concat(
            Enumerable.Range(1, Records).Select(i => string.Create(CultureInfo.InvariantCulture, $"l-{i},{1001 + (i % 5)},Director,Loaded Person {(char)('A' + i)},{city}\n"))));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
