using ContactSync.Core.Companies;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Postgres;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Core.Contracts;

/// <summary>
/// Reads which contract each company is on from Nexudus (virtual-office plans, their active contracts, and the
/// company customers' resolution field), in pages, and keeps it in PostgreSQL: a read younger than
/// <see cref="ContractResolutionOptions.RefreshEvery"/> is reused by every replica, and a run reads Nexudus for it at
/// most once (<see cref="SourceRead"/> holds one view a run).
/// </summary>
public sealed class ContractResolver(
    INexudusClient client,
    NpgsqlDataSource dataSource,
    IOptionsMonitor<ContractResolutionOptions> options,
    TimeProvider time,
    ILogger<ContractResolver> logger)
{
    /// <summary>The view a run works with: the map at <paramref name="mapPath"/> (if any) over the coworker field.</summary>
    public async Task<CompanyContracts> LoadAsync(string? mapPath, CancellationToken cancellationToken)
    {
        var field = options.CurrentValue.CoworkerField is { Length: > 0 } configured ? configured : null;
        var map = string.IsNullOrWhiteSpace(mapPath)
            ? new Dictionary<string, IReadOnlyList<int>>()
            : await ContractMapFile.ReadAsync(mapPath, cancellationToken);
        if (field is null && map.Count == 0)
        {
            return CompanyContracts.None;
        }

        var (active, byField) = await StoredAsync(field, cancellationToken) ?? await RefreshAsync(field, cancellationToken);
        return new CompanyContracts(field, byField, map, active);
    }

    private async Task<(IReadOnlySet<int>, IReadOnlyDictionary<string, IReadOnlyList<int>>)?> StoredAsync(string? field, CancellationToken cancellationToken)
    {
        // One snapshot: a refresh by another replica between the reads below must not mix two views.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var fresh = new NpgsqlCommand(
                         "select exists (select 1 from resolution_refreshes where field = @field and refreshed_at > now() - @every)", connection, transaction))
        {
            fresh.Parameters.AddWithValue("field", field ?? "");
            fresh.Parameters.AddWithValue("every", options.CurrentValue.RefreshEvery);
            if (!(bool)(await fresh.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        var active = new HashSet<int>();
        await using (var contracts = new NpgsqlCommand("select coworker_contract_id from resolution_contracts", connection, transaction))
        await using (var reader = await contracts.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                active.Add(reader.GetInt32(0));
            }
        }

        var byField = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        await using (var companies = new NpgsqlCommand("select company_ref, coworker_contract_id from resolution_companies where field = @field", connection, transaction))
        {
            companies.Parameters.AddWithValue("field", field ?? "");
            await using var reader = await companies.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = byField.TryGetValue(reader.GetString(0), out var known) ? known : byField[reader.GetString(0)] = [];
                if (!reader.IsDBNull(1) && !list.Contains(reader.GetInt32(1)))
                {
                    list.Add(reader.GetInt32(1));
                }
            }
        }

        return (active, byField.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<int>)entry.Value, StringComparer.Ordinal));
    }

    private async Task<(IReadOnlySet<int>, IReadOnlyDictionary<string, IReadOnlyList<int>>)> RefreshAsync(string? field, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var virtualOffice = (await client.ListTariffsAsync(cancellationToken)).Where(tariff => tariff.IsForVirtualOffices).Select(tariff => tariff.Id).ToHashSet();
        var contracts = (await client.ListActiveContractsAsync(cancellationToken)).Where(contract => virtualOffice.Contains(contract.TariffId)).ToList();
        var companies = field is null ? [] : await client.ListCompanyCoworkersAsync(field, cancellationToken);

        var contractsByCoworker = contracts.ToLookup(contract => contract.CoworkerId, contract => contract.Id);
        var rows = new List<(string Company, int Coworker, int? Contract)>();
        foreach (var (coworker, value) in companies)
        {
            var company = CompanyRef.Normalise(value);
            if (company.Length == 0)
            {
                continue;
            }

            var ofCoworker = contractsByCoworker[coworker].ToList();
            if (ofCoworker.Count == 0)
            {
                rows.Add((company, coworker, null));
            }

            rows.AddRange(ofCoworker.Select(contract => (company, coworker, (int?)contract)));
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_advisory_xact_lock(@lock)") { Parameters = { new("lock", AdvisoryLock.KeyFor("contract-resolution", "")) } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from resolution_contracts"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("delete from resolution_companies where field = @field") { Parameters = { new("field", field ?? "") } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "insert into resolution_contracts (coworker_contract_id, coworker_id) select * from unnest(@ids, @coworkers) on conflict do nothing")
            {
                Parameters = { new("ids", contracts.Select(c => c.Id).ToArray()), new("coworkers", contracts.Select(c => c.CoworkerId).ToArray()) },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "insert into resolution_companies (field, company_ref, coworker_id, coworker_contract_id) select @field, * from unnest(@refs, @coworkers, @contracts)")
            {
                Parameters =
                {
                    new("field", field ?? ""),
                    new("refs", rows.Select(r => r.Company).ToArray()),
                    new("coworkers", rows.Select(r => r.Coworker).ToArray()),
                    new("contracts", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer) { Value = rows.Select(r => r.Contract).ToArray() },
                },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "insert into resolution_refreshes (field, refreshed_at) values (@field, now()) on conflict (field) do update set refreshed_at = excluded.refreshed_at")
            {
                Parameters = { new("field", field ?? "") },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var byField = rows.GroupBy(row => row.Company, StringComparer.Ordinal).ToDictionary(
            group => group.Key,
            group => (IReadOnlyList<int>)group.Where(row => row.Contract is not null).Select(row => row.Contract!.Value).Distinct().ToList(),
            StringComparer.Ordinal);
        SourceLogMessages.ContractsResolved(logger, contracts.Count, byField.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return (contracts.Select(contract => contract.Id).ToHashSet(), byField);
    }
}
