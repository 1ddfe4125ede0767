using Npgsql;

namespace ContactSync.Worker.Database;

/// <summary>Settings every pool of the worker gets unless the connection string says otherwise.</summary>
internal static class ConnectionDefaults
{
    /// <summary>
    /// Seconds between keepalive queries on an idle connection. A pooled connection that sat idle was ended under the
    /// worker by PostgreSQL's idle_session_timeout, a pooler or a NAT, and the next command on it failed; with a
    /// keepalive query every few seconds no session stays idle that long, and a broken one leaves the pool early.
    /// </summary>
    public const int KeepAliveSeconds = 4;

    public static NpgsqlDataSourceBuilder WithDefaults(this NpgsqlDataSourceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ConnectionStringBuilder.KeepAlive == 0)
        {
            builder.ConnectionStringBuilder.KeepAlive = KeepAliveSeconds;
        }

        return builder;
    }
}
