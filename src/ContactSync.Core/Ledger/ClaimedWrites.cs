using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Ledger;

/// <summary>
/// The two shapes every settlement of a claimed record takes: an update of the row that only holds while the record is
/// still in flight under the claiming run, with or without a contact assigned. Settlements are the stores' own
/// (<c>Push/ClaimStore</c>, <c>Push/ContactSettlements</c>); this keeps the fence they all stand behind in one place.
/// </summary>
internal static class ClaimedWrites
{
    /// <summary>
    /// What a record the source wants nothing sent for waits as: unverified if its source has not verified it, else
    /// rejected (its source row turned invalid).
    /// </summary>
    public const string Unwanted = $"case when r.unverified then '{RecordState.Unverified}' else '{RecordState.Rejected}' end";

    /// <summary>What a record released unsent waits as: pending, or <see cref="Unwanted"/> if the source wants nothing sent.</summary>
    public const string Waiting = $"case when r.desired_hash is null then {Unwanted} else '{RecordState.Pending}' end";

    /// <summary>The row is the claimed record, still in flight under the run that claimed it.</summary>
    public const string Claimed = $"r.source = @lease_source and r.source_id = @source_id and r.claimed_by = @lease_run and r.status = '{RecordState.InFlight}'";

    public static string KindName(ClaimKind kind) => kind switch
    {
        ClaimKind.Resolve => "resolve",
        ClaimKind.Create => "create",
        _ => "update",
    };

    public static async Task<SettledRecord?> SettleOnContactAsync(
        NpgsqlDataSource dataSource, string assignments, SourceLease lease, string sourceId, int nexudusId, bool checkOwner, CancellationToken cancellationToken,
        string? conflict = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var ownerCheck = checkOwner
            ? "and not exists (select 1 from sync_records o where o.nexudus_id = @nexudus_id and (o.source, o.source_id) <> (r.source, r.source_id))"
            : "";
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set {assignments}, claimed_by = null, version = r.version + 1, updated_at = now()
            where {Claimed} {ownerCheck}
            returning r.status, r.version
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("nexudus_id", nexudusId);
        command.Parameters.Add(new NpgsqlParameter("last_conflict", NpgsqlDbType.Text) { Value = (object?)conflict ?? DBNull.Value });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new SettledRecord(reader.GetString(0), reader.GetInt64(1)) : null;
        }
        catch (PostgresException e) when (checkOwner && e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another record took the contact between the look-up and now: one contact, one record.
            return null;
        }
    }

    /// <summary>Ends this run's claim with <paramref name="assignments"/>; false when the claim is no longer its own.</summary>
    public static async Task<bool> SettleAsync(
        NpgsqlDataSource dataSource, string assignments, SourceLease lease, string sourceId, string reason, CancellationToken cancellationToken,
        (string Name, string Value)? extra = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(
            $"""
            update sync_records r set {assignments}, claimed_by = null, version = r.version + 1, updated_at = now()
            where {Claimed}
            """);
        lease.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("source_id", sourceId);
        command.Parameters.AddWithValue("reason", reason);
        if (extra is { } parameter)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
