using System.Globalization;
using Npgsql;

namespace ContactSync.Testing;

/// <summary>A throwaway PostgreSQL cluster in a temp directory, listening only on 127.0.0.1, removed on dispose.</summary>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(30);

    private readonly PostgresBinaries _binaries;
    private readonly TempDirectory _root = new("contactsync-pg-");

    private LocalPostgresCluster(PostgresBinaries binaries)
    {
        _binaries = binaries;
    }

    public int Port { get; private set; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = PostgresCommand.ServerUser,
        Database = "postgres",
    }.ConnectionString;

    private string DataDirectory => Path.Combine(_root.Path, "data");

    private string LogFile => Path.Combine(_root.Path, "postgres.log");

    public static async Task<LocalPostgresCluster> StartAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        var cluster = new LocalPostgresCluster(binaries);
        try
        {
            await cluster.InitAsync(cancellationToken);
            await cluster.StartOnFreePortAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A clean restart (<c>-m fast</c>) on the same port and data directory.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken);
        if (!await TryStartAsync(cancellationToken))
        {
            throw new InvalidOperationException($"PostgreSQL did not come back on port {Port}.{Environment.NewLine}{ReadLog()}");
        }
    }

    /// <summary>The server is down (stopped at once, as a crash would) for <paramref name="outage"/>, then back on the same port.</summary>
    public async Task OutageAsync(TimeSpan outage, CancellationToken cancellationToken)
    {
        await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "60"], cancellationToken);
        await Task.Delay(outage, cancellationToken);
        if (!await TryStartAsync(cancellationToken))
        {
            throw new InvalidOperationException($"PostgreSQL did not come back on port {Port}.{Environment.NewLine}{ReadLog()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var stopped = await PostgresCommand.RunAsync(
                _binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], _root.Path, default);
            if (stopped.ExitCode != 0)
            {
                KillPostmaster();
            }
        }

        _root.Dispose();
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        await PostgresCommand.GiveToServerUserAsync(_root.Path, cancellationToken);
        await PostgresCommand.RunCheckedAsync(
            _binaries.InitDb,
            ["-D", DataDirectory, "-U", PostgresCommand.ServerUser, "--auth=trust", "-E", "UTF8", "--locale=C",
             "--no-sync", "--no-instructions"],
            _root.Path,
            cancellationToken);
    }

    /// <summary>The free port can be taken between finding and binding it; then try another.</summary>
    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            Port = FreeTcpPort.Next();
            if (await TryStartAsync(cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL did not start after {StartAttempts} attempts.{Environment.NewLine}{ReadLog()}");
    }

    private async Task<bool> TryStartAsync(CancellationToken cancellationToken)
    {
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-c port={Port.ToString(CultureInfo.InvariantCulture)}",
            $"-c unix_socket_directories={_root.Path}",
            "-c fsync=off",
            "-c max_connections=300",
            "-c shared_buffers=64MB");
        var started = await PostgresCommand.RunAsync(
            _binaries.PgCtl,
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options],
            _root.Path,
            cancellationToken);
        if (started.ExitCode != 0)
        {
            return false;
        }

        await Eventually.WaitUntilAsync(
            () => AcceptsConnectionsAsync(cancellationToken), ReadyDeadline, $"PostgreSQL accepts connections on port {Port}",
            cancellationToken);
        return true;
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private Task PgCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        PostgresCommand.RunCheckedAsync(_binaries.PgCtl, arguments, _root.Path, cancellationToken);

    /// <summary>Last resort when pg_ctl cannot stop it: the postmaster's pid is the first line of postmaster.pid.</summary>
    private void KillPostmaster()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) &&
            int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid))
        {
            Posix.SendSignal(pid, Posix.SigKill);
        }
    }

    private string ReadLog() => File.Exists(LogFile) ? "--- postgres.log ---" + Environment.NewLine + File.ReadAllText(LogFile) : "";
}
