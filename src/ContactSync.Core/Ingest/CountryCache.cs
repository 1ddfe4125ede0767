using ContactSync.Core.Mapping;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using Npgsql;

namespace ContactSync.Core.Ingest;

/// <summary>
/// Nexudus's ISO-code → CountryId map. Kept in PostgreSQL for a day so that neither a restart nor a run of
/// unchanged records spends a call on it, and fetched only when a record actually names a country.
/// </summary>
public sealed class CountryCache(INexudusClient client, NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (CountryMap Map, DateTimeOffset FetchedAt)? _current;

    public async Task<CountryMap> GetAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_current))
        {
            return _current!.Value.Map;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh(_current))
            {
                _current = await LoadStoredAsync(cancellationToken) is { } stored && IsFresh(stored)
                    ? stored
                    : await FetchAsync(cancellationToken);
            }

            return _current!.Value.Map;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh((CountryMap Map, DateTimeOffset FetchedAt)? entry)
        => entry is { } e && time.GetUtcNow() - e.FetchedAt < MaxAge;

    private async Task<(CountryMap, DateTimeOffset)?> LoadStoredAsync(CancellationToken cancellationToken)
    {
        // The age by the database's clock, which every replica shares: another replica's clock may be off from this one's.
        await using var command = dataSource.CreateCommand("select id, name, two_digits_code, now() - fetched_at from nexudus_countries");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var countries = new List<Country>();
        var age = TimeSpan.Zero;
        while (await reader.ReadAsync(cancellationToken))
        {
            countries.Add(new Country(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            var rowAge = reader.GetFieldValue<TimeSpan>(3);
            age = rowAge > age ? rowAge : age;
        }

        return countries.Count == 0 ? null : (new CountryMap(countries), time.GetUtcNow() - age);
    }

    private async Task<(CountryMap, DateTimeOffset)> FetchAsync(CancellationToken cancellationToken)
    {
        var countries = await client.ListCountriesAsync(cancellationToken);
        var now = time.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from nexudus_countries"));
        var insert = new NpgsqlBatchCommand(
            """
            insert into nexudus_countries (two_digits_code, id, name, fetched_at)
            select distinct on (upper(t.code)) upper(t.code), t.id, t.name, now() from unnest(@codes, @ids, @names) as t(code, id, name)
            """);
        insert.Parameters.AddWithValue("codes", countries.Select(c => c.TwoDigitsCode).ToArray());
        insert.Parameters.AddWithValue("ids", countries.Select(c => c.Id).ToArray());
        insert.Parameters.AddWithValue("names", countries.Select(c => c.Name).ToArray());
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (new CountryMap(countries), now);
    }
}
