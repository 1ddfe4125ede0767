using System.Net.Sockets;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace ContactSync.IntegrationTests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class InfrastructureTests(PostgresServer postgres)
{
    private static readonly TimeSpan WorkerDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Postgres_accepts_connections_and_a_throwaway_cluster_listens_on_loopback_only()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();

        Assert.Equal(1, await ScalarAsync<int>(connection, "SELECT 1"));
        if (postgres.IsThrowawayCluster)
        {
            Assert.Equal("127.0.0.1", await ScalarAsync<string>(connection, "SELECT current_setting('listen_addresses')"));
        }
    }

    [Fact]
    public async Task Each_created_database_is_a_separate_empty_database()
    {
        var first = await postgres.CreateDatabaseAsync("Isolation Test!");
        var second = await postgres.CreateDatabaseAsync("Isolation Test!");

        await using var one = new NpgsqlConnection(first);
        await one.OpenAsync();
        await using var two = new NpgsqlConnection(second);
        await two.OpenAsync();
        await ScalarAsync<int>(one, "CREATE TABLE marker (id int); SELECT 0");

        Assert.NotEqual(one.Database, two.Database);
        Assert.StartsWith("isolation_test_", one.Database, StringComparison.Ordinal);
        Assert.True(await ScalarAsync<bool>(one, "SELECT to_regclass('public.marker') IS NOT NULL"));
        Assert.True(await ScalarAsync<bool>(two, "SELECT to_regclass('public.marker') IS NULL"));
    }

    [Fact]
    public async Task Restart_brings_the_server_back_on_the_same_port_with_its_data()
    {
        var database = await postgres.CreateDatabaseAsync("restart");
        DateTime startedBefore;
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await ScalarAsync<int>(connection, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survives'); SELECT 0");
            startedBefore = await ScalarAsync<DateTime>(connection, "SELECT pg_postmaster_start_time()");
        }

        await postgres.RestartAsync();

        await using var after = new NpgsqlConnection(database);
        await after.OpenAsync();
        Assert.Equal("survives", await ScalarAsync<string>(after, "SELECT value FROM kept"));
        Assert.True(await ScalarAsync<DateTime>(after, "SELECT pg_postmaster_start_time()") > startedBefore);
    }

    [Fact]
    public async Task Worker_shuts_down_cleanly_on_SIGTERM()
    {
        var port = FreeTcpPort.Next();
        await using var worker = new WorkerProcess(await WorkerEnvironmentAsync(), "--urls", $"http://127.0.0.1:{port}");
        worker.Start();
        await WaitUntilListeningAsync(worker, port);

        worker.SignalTerm();

        Assert.Equal(0, await worker.WaitForExitAsync(WorkerDeadline));
        Assert.False(await IsListeningAsync(port));
    }

    [Fact]
    public async Task Worker_kill_ends_it_at_once()
    {
        var port = FreeTcpPort.Next();
        await using var worker = new WorkerProcess(await WorkerEnvironmentAsync(), "--urls", $"http://127.0.0.1:{port}");
        worker.Start();
        await WaitUntilListeningAsync(worker, port);

        worker.Kill();

        Assert.Equal(128 + Posix.SigKill, await worker.WaitForExitAsync(WorkerDeadline));
        Assert.False(await IsListeningAsync(port));
    }

    [Fact]
    public async Task Worker_run_to_exit_returns_the_exit_code_and_output_of_a_failed_start()
    {
        await using var worker = new WorkerProcess(await WorkerEnvironmentAsync(), "--urls", "not-a-url");

        var result = await worker.RunToExitAsync(WorkerDeadline);

        // Fatal: nothing could be done (here, --urls is not a URL).
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not-a-url", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_run_to_exit_kills_a_worker_that_outlives_the_timeout()
    {
        var port = FreeTcpPort.Next();
        await using var worker = new WorkerProcess(await WorkerEnvironmentAsync(), "--urls", $"http://127.0.0.1:{port}");

        await Assert.ThrowsAsync<TimeoutException>(() => worker.RunToExitAsync(TimeSpan.FromSeconds(3)));

        Assert.True(worker.HasExited);
    }

    private Task<Dictionary<string, string>> WorkerEnvironmentAsync() => IdleWorkerEnvironment.CreateAsync(postgres);

    private static Task WaitUntilListeningAsync(WorkerProcess worker, int port) =>
        Eventually.WaitUntilAsync(
            async () =>
            {
                await worker.Process.ThrowIfExitedAsync("before listening");
                return await IsListeningAsync(port);
            },
            WorkerDeadline,
            $"the worker listens on port {port}");

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
