using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// The sign-in sessions, in PostgreSQL (migration 0014) and so shared by the replicas: the cookie carries only a random
/// key, and the session it names can be ended. Signing out deletes it; a session whose login has been reconfigured
/// since (<see cref="SessionFingerprint"/>) is deleted when next presented. Without this, a cookie copied before a
/// sign-out went on opening the dashboards until it expired, hours later.
/// </summary>
internal sealed class DashboardSessionStore(
    NpgsqlDataSource dataSource,
    IDataProtectionProvider dataProtection,
    SessionFingerprint fingerprint,
    TimeProvider time,
    ILogger<DashboardSessionStore> logger) : ITicketStore
{
    // Cookies are issued for this long (DashboardAuthentication); a ticket without an expiry is kept no longer.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string PruneSql = "delete from dashboard_sessions where expires_at <= @now";

    private const string InsertSql = """
        insert into dashboard_sessions (key_hash, user_name, fingerprint, ticket, created_at, expires_at)
        values (@key_hash, @user_name, @fingerprint, @ticket, @now, @expires_at)
        """;

    private const string RenewSql = """
        update dashboard_sessions set ticket = @ticket, expires_at = @expires_at
        where key_hash = @key_hash and fingerprint = @fingerprint
        """;

    private const string SelectSql = "select fingerprint, ticket from dashboard_sessions where key_hash = @key_hash and expires_at > @now";

    private const string DeleteSql = "delete from dashboard_sessions where key_hash = @key_hash";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ContactSync.Dashboard.Sessions");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using var batch = dataSource.CreateBatch();

        // Sign-ins are the only way rows are added, so pruning here keeps the table to the sessions still open.
        var prune = new NpgsqlBatchCommand(PruneSql);
        prune.Parameters.AddWithValue("now", now);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.AddWithValue("key_hash", KeyHash(key));
        insert.Parameters.AddWithValue("user_name", ticket.Principal.Identity?.Name ?? "");
        insert.Parameters.AddWithValue("fingerprint", fingerprint.Of(ticket.Principal));
        insert.Parameters.AddWithValue("ticket", Protect(ticket));
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("expires_at", ExpiresAt(ticket, now));
        batch.BatchCommands.Add(prune);
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await using var command = dataSource.CreateCommand(RenewSql);
        command.Parameters.AddWithValue("key_hash", KeyHash(key));
        command.Parameters.AddWithValue("fingerprint", fingerprint.Of(ticket.Principal));
        command.Parameters.AddWithValue("ticket", Protect(ticket));
        command.Parameters.AddWithValue("expires_at", ExpiresAt(ticket, time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        byte[] stored, protectedTicket;
        await using (var command = dataSource.CreateCommand(SelectSql))
        {
            command.Parameters.AddWithValue("key_hash", KeyHash(key));
            command.Parameters.AddWithValue("now", time.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            stored = (byte[])reader[0];
            protectedTicket = (byte[])reader[1];
        }

        var ticket = Unprotect(protectedTicket);
        if (ticket is null || !CryptographicOperations.FixedTimeEquals(stored, fingerprint.Of(ticket.Principal)))
        {
            DashboardLogMessages.SessionRevoked(logger);
            await RemoveAsync(key, cancellationToken);
            return null;
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteSql);
        command.Parameters.AddWithValue("key_hash", KeyHash(key));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] protectedTicket)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));
        }
        catch (CryptographicException)
        {
            // Its key was revoked (a key-encryption key set later, say): the session cannot be read, so it is over.
            return null;
        }
    }

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket, DateTimeOffset now) => ticket.Properties.ExpiresUtc ?? now + Lifetime;

    private static byte[] KeyHash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key ?? ""));
}
