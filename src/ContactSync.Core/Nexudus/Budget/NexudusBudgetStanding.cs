using ContactSync.Core.Nexudus;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// What is left of the Nexudus budget now, as every replica shares it: writes this minute and today, calls this minute
/// and this hour, and today's writes hour by hour (oldest first, 24 buckets ending now) for the dashboard's chart.
/// </summary>
public sealed record NexudusBudgetStanding(
    int WritesPerMinute,
    int WritesPerDay,
    long WritesMinuteLeft,
    long WritesDayLeft,
    long CallsMinuteLeft,
    long CallsHourLeft,
    IReadOnlyList<long> WritesByHour)
{
    public long WritesToday => WritesPerDay - WritesDayLeft;
}

/// <summary>Reads <see cref="NexudusBudgetStanding"/> from the shared budget's calls table.</summary>
public sealed class NexudusBudgetReader(NpgsqlDataSource dataSource, IOptions<NexudusOptions> options)
{
    public async Task<NexudusBudgetStanding> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var command = dataSource.CreateCommand(
            """
            select count(*) filter (where is_write and sent_at > now() - interval '1 minute'),
                   count(*) filter (where is_write),
                   count(*) filter (where sent_at > now() - interval '1 minute'),
                   count(*) filter (where sent_at > now() - interval '1 hour'),
                   coalesce(array_agg(floor(extract(epoch from now() - sent_at) / 3600)::int) filter (where is_write), '{}')
            from nexudus_budget_calls where budget_key = @key and sent_at > now() - interval '1 day'
            """);
        command.Parameters.AddWithValue("key", NexudusBudgetKey.For(settings));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var byHour = new long[24];
        foreach (var hoursAgo in reader.GetFieldValue<int[]>(4))
        {
            byHour[23 - Math.Clamp(hoursAgo, 0, 23)]++;
        }

        return new NexudusBudgetStanding(
            settings.WritesPerMinute,
            settings.WritesPerDay,
            Math.Max(0, settings.WritesPerMinute - reader.GetInt64(0)),
            Math.Max(0, settings.WritesPerDay - reader.GetInt64(1)),
            Math.Max(0, settings.CallsPerMinute - reader.GetInt64(2)),
            Math.Max(0, settings.CallsPerHour - reader.GetInt64(3)),
            byHour);
    }
}
