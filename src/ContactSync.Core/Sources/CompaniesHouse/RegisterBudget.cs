using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContactSync.Core.Postgres;
using Npgsql;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// The register's limit per key (600 requests per 5 minutes), shared by every replica through PostgreSQL the way the
/// Nexudus budget is: each request is granted under a transaction-scoped advisory lock for the key, timed by the
/// database's clock, and a 429 holds every replica back until the register's reset. Waits, never refuses: the
/// register's limit frees within minutes.
/// </summary>
internal sealed class RegisterBudget
{
    // The register times a request when it arrives: a second's guard keeps one sent at the window's edge out of a full window.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly string _key;
    private readonly long _lock;
    private long _waits;
    private long _waitedMs;

    public RegisterBudget(NpgsqlDataSource dataSource, TimeProvider time, string baseUrl, string apiKey, int limit, TimeSpan window)
    {
        _dataSource = dataSource;
        _time = time;
        _limit = limit;
        _window = window;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(baseUrl.TrimEnd('/').ToUpperInvariant() + "\n" + apiKey));
        _key = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        _lock = AdvisoryLock.KeyFor("register-budget", _key);
    }

    /// <summary>How often requests waited for the limit, and for how long in all.</summary>
    public (long Count, TimeSpan Total) Waits => (Interlocked.Read(ref _waits), TimeSpan.FromMilliseconds(Interlocked.Read(ref _waitedMs)));

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            var wait = await TryTakeAsync(cancellationToken);
            if (wait <= TimeSpan.Zero)
            {
                if (waited)
                {
                    Interlocked.Increment(ref _waits);
                }

                return;
            }

            waited = true;
            Interlocked.Add(ref _waitedMs, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>The register answered 429: nobody sends with this key until <paramref name="until"/> (the database's clock).</summary>
    public async Task ReportThrottledAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            insert into register_throttle (budget_key, paused_until) values (@key, coalesce(@until, now() + @window))
            on conflict (budget_key) do update set paused_until = greatest(register_throttle.paused_until, excluded.paused_until)
            """);
        command.Parameters.AddWithValue("key", _key);
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)until ?? DBNull.Value });
        command.Parameters.AddWithValue("window", _window);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads <c>X-Ratelimit-Reset</c> (Unix seconds) when the register sent one; null falls back to a window.</summary>
    public static DateTimeOffset? ResetOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("X-Ratelimit-Reset", out var values)
               && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               && seconds is > 1_000_000_000 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) + Guard
            : null;
    }

    // Zero: granted. Otherwise how long to wait before asking again.
    private async Task<TimeSpan> TryTakeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var prune = new NpgsqlCommand(
                         "select pg_advisory_xact_lock(@lock); delete from register_calls where budget_key = @key and sent_at < clock_timestamp() - @window",
                         connection, transaction))
        {
            prune.Parameters.AddWithValue("lock", _lock);
            prune.Parameters.AddWithValue("key", _key);
            prune.Parameters.AddWithValue("window", _window + Guard);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        long waitMs;
        await using (var take = new NpgsqlCommand(
                         """
                         with state as (
                             select clock_timestamp() as now,
                                    (select paused_until from register_throttle where budget_key = @key) as paused_until,
                                    (select count(*) from register_calls where budget_key = @key) as used,
                                    -- The call whose leaving the window makes room for one more.
                                    (select sent_at from register_calls where budget_key = @key order by sent_at
                                     offset greatest(0, (select count(*) from register_calls where budget_key = @key) - @limit) limit 1) as frees
                         ), granted as (
                             insert into register_calls (budget_key, sent_at)
                             select @key, now from state where (paused_until is null or paused_until <= now) and used < @limit
                             returning 1
                         )
                         select (case
                             when exists (select 1 from granted) then -1
                             when paused_until > now then greatest(1, extract(epoch from paused_until - now) * 1000)
                             else greatest(1, extract(epoch from frees + @window - now) * 1000)
                         end)::bigint
                         from state
                         """, connection, transaction))
        {
            take.Parameters.AddWithValue("key", _key);
            take.Parameters.AddWithValue("window", _window + Guard);
            take.Parameters.AddWithValue("limit", _limit);
            waitMs = (long)(await take.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        // -1: granted; anything else is a wait, however short, and the budget is asked again after it.
        return waitMs < 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(50, waitMs));
    }
}
