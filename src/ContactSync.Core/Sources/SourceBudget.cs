using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContactSync.Core.Postgres;
using Npgsql;

namespace ContactSync.Core.Sources;

/// <summary>
/// A source API's limit per credential (so many requests per window), shared by every replica through PostgreSQL the
/// way the Nexudus budget is: each request is granted under a transaction-scoped advisory lock for the credential,
/// timed by the database's clock, and a 429 holds every replica back until the API's reset. Waits, never refuses:
/// these limits free within minutes. The register's (600 per 5 minutes per key) and Sumsub's (per app token) are
/// budgets of this kind; each is told apart by its kind, its base URL and its credential (hashed, never stored).
/// </summary>
internal sealed class SourceBudget
{
    // The API times a request when it arrives: a guard keeps one sent at the window's edge out of a full window.
    private readonly TimeSpan _guard;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly string _key;
    private readonly long _lock;
    private long _waits;
    private long _waitedMs;

    /// <param name="kind">Which API (<c>register</c>, <c>sumsub</c>): two APIs never share a budget.</param>
    /// <param name="credential">What the API counts requests by (a key, an app token): hashed into the budget's key.</param>
    /// <param name="guard">Added to the window: how far the API's clock and the time a request takes to arrive may put it.</param>
    public SourceBudget(NpgsqlDataSource dataSource, TimeProvider time, string kind, string baseUrl, string credential, int limit, TimeSpan window, TimeSpan guard)
    {
        _dataSource = dataSource;
        _time = time;
        _limit = limit;
        _window = window;
        _guard = guard;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + baseUrl.TrimEnd('/').ToUpperInvariant() + "\n" + credential));
        _key = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        _lock = AdvisoryLock.KeyFor(kind + "-budget", _key);
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

    /// <summary>
    /// The API answered 429: nobody sends with this credential until it said (an instant, on its clock; or a wait, from
    /// the database's now), or for a window when it did not say.
    /// </summary>
    public async Task ReportThrottledAsync(ThrottleEnd end, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            insert into source_budget_throttle (budget_key, paused_until) values (@key, coalesce(@until, now() + coalesce(@wait, @window)))
            on conflict (budget_key) do update set paused_until = greatest(source_budget_throttle.paused_until, excluded.paused_until)
            """);
        command.Parameters.AddWithValue("key", _key);
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)end.At ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("wait", NpgsqlTypes.NpgsqlDbType.Interval) { Value = (object?)end.After ?? DBNull.Value });
        command.Parameters.AddWithValue("window", _window);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Zero: granted. Otherwise how long to wait before asking again.
    private async Task<TimeSpan> TryTakeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var prune = new NpgsqlCommand(
                         "select pg_advisory_xact_lock(@lock); delete from source_budget_calls where budget_key = @key and sent_at < clock_timestamp() - @window",
                         connection, transaction))
        {
            prune.Parameters.AddWithValue("lock", _lock);
            prune.Parameters.AddWithValue("key", _key);
            prune.Parameters.AddWithValue("window", _window + _guard);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        long waitMs;
        await using (var take = new NpgsqlCommand(
                         """
                         with state as (
                             select clock_timestamp() as now,
                                    (select paused_until from source_budget_throttle where budget_key = @key) as paused_until,
                                    (select count(*) from source_budget_calls where budget_key = @key) as used,
                                    -- The call whose leaving the window makes room for one more.
                                    (select sent_at from source_budget_calls where budget_key = @key order by sent_at
                                     offset greatest(0, (select count(*) from source_budget_calls where budget_key = @key) - @limit) limit 1) as frees
                         ), granted as (
                             insert into source_budget_calls (budget_key, sent_at)
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
            take.Parameters.AddWithValue("window", _window + _guard);
            take.Parameters.AddWithValue("limit", _limit);
            waitMs = (long)(await take.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        // -1: granted; anything else is a wait, however short, and the budget is asked again after it.
        return waitMs < 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(50, waitMs));
    }
}

/// <summary>When an API said a 429 ends: at an instant (<paramref name="At"/>), after a wait (<paramref name="After"/>), or not at all (both null).</summary>
internal readonly record struct ThrottleEnd(DateTimeOffset? At, TimeSpan? After)
{
    public static ThrottleEnd Unknown => default;
}
