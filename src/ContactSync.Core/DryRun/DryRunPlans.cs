using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.DryRun;

/// <summary>A dry run asked for from the dashboard: under way while <see cref="FinishedAt"/> is null, then its plan or its error.</summary>
public sealed record DryRunPlan(Guid Id, string Source, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, SyncPlan? Plan, string? Error);

/// <summary>
/// Dry runs' plans, kept so the dashboard can show them: counts, keys, field names and reasons, never a contact's data
/// (a <see cref="SyncPlan"/> holds none).
/// </summary>
public sealed class DryRunPlans(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<Guid> CreateAsync(string source, string requestedBy, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        await using var command = dataSource.CreateCommand(
            "insert into dry_run_plans (id, source, requested_by, requested_at) values (@id, @source, @by, now())");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("by", requestedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    public Task CompleteAsync(Guid id, SyncPlan plan, CancellationToken cancellationToken)
        => FinishAsync(id, JsonSerializer.Serialize(plan, Json), null, cancellationToken);

    public Task FailAsync(Guid id, string error, CancellationToken cancellationToken) => FinishAsync(id, null, error, cancellationToken);

    public async Task<DryRunPlan?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select source, requested_by, requested_at, finished_at, plan::text, error from dry_run_plans where id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DryRunPlan(
            id, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<SyncPlan>(reader.GetString(4), Json),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    private async Task FinishAsync(Guid id, string? plan, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update dry_run_plans set finished_at = now(), plan = @plan::jsonb, error = @error where id = @id and finished_at is null");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter("plan", NpgsqlDbType.Text) { Value = (object?)plan ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
