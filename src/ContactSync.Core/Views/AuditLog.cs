using Npgsql;
using NpgsqlTypes;

namespace ContactSync.Core.Views;

/// <summary>One thing somebody did from the dashboard. <see cref="Subject"/> is a source key or a run id, never personal data.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Source, string? Subject, string? Detail, string? Client);

/// <summary>Who did what, and when: every action taken from the dashboard, newest first.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(string actor, string action, string? source, string? subject, string? detail, string? client, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "insert into audit_log (at, actor, action, source, subject, detail, client) values (now(), @actor, @action, @source, @subject, @detail, @client)");
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.Add(Text("source", source));
        command.Parameters.Add(Text("subject", subject));
        command.Parameters.Add(Text("detail", detail));
        command.Parameters.Add(Text("client", client));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A page of entries older than <paramref name="before"/> (the previous page's last id), newest first.</summary>
    public async Task<ResultPage<AuditEntry>> ReadAsync(long? before, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, RecordBrowser.MaxLimit);
        await using var count = dataSource.CreateCommand(ResultPage.CappedCount("from audit_log"));
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var command = dataSource.CreateCommand(
            "select id, at, actor, action, source, subject, detail, client from audit_log where id < @before order by id desc limit @limit");
        command.Parameters.AddWithValue("before", before ?? long.MaxValue);
        command.Parameters.AddWithValue("limit", limit + 1);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), Optional(reader, 4),
                Optional(reader, 5), Optional(reader, 6), Optional(reader, 7)));
        }

        return ResultPage.Trim(total, entries, limit, last => last.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static string? Optional(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
