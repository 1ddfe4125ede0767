using System.Security.Cryptography;
using System.Text.Json;
using ContactSync.Core.Companies;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>
/// One review event Sumsub sent (an applicant reviewed, pending, on hold, reset): which applicant, of which kind, and
/// for a company the reference it is known by. A person's external user id is never kept: it may be anything the
/// operator chose, an email say.
/// </summary>
public sealed record SumsubEvent(string EventId, string ApplicantId, bool IsCompany, string? CompanyRef);

/// <summary>
/// Sumsub's webhooks: the digest check, the event, and the companies an event concerns. The body is signed with the
/// webhook's secret, in <c>X-Payload-Digest</c> (hex), by the algorithm <c>X-Payload-Digest-Alg</c> names.
/// </summary>
public sealed class SumsubEvents(NpgsqlDataSource dataSource)
{
    /// <summary>The shortest webhook secret accepted: anyone who knows it can queue runs through the open route.</summary>
    public const int MinSecretLength = 16;

    /// <summary>Events are remembered this long for replays (Sumsub resends for less than a day).</summary>
    private static readonly TimeSpan Remember = TimeSpan.FromDays(30);

    /// <summary>The webhook secret of a source's configuration section, or null when it has none (every event refused).</summary>
    public static string? SecretOf(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var secret = section[nameof(SumsubSourceOptions.WebhookSecret)];
        return string.IsNullOrWhiteSpace(secret) || secret.Trim().Length < MinSecretLength ? null : secret;
    }

    /// <summary>Whether <paramref name="digest"/> is the body's HMAC under the secret, compared in constant time.</summary>
    public static bool DigestMatches(ReadOnlySpan<byte> body, string? digest, string? algorithm, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(digest) || digest.Length > 256)
        {
            return false;
        }

        var key = System.Text.Encoding.UTF8.GetBytes(secret);
        byte[]? expected = algorithm?.Trim().ToUpperInvariant() switch
        {
            "HMAC_SHA1_HEX" => HMACSHA1.HashData(key, body),
            "HMAC_SHA256_HEX" or null or "" => HMACSHA256.HashData(key, body),
            "HMAC_SHA512_HEX" => HMACSHA512.HashData(key, body),
            _ => null,
        };
        byte[] given;
        try
        {
            given = Convert.FromHexString(digest.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return expected is not null && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The event in a (verified) body, or null when it names no applicant or no event id.</summary>
    public static SumsubEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var root = JsonDocument.Parse(body.ToArray()).RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var applicant = Text(root, "applicantId");
            // A resend is the same event: the same correlation id, type, applicant and time. One request's events (pending,
            // then reviewed) may share a correlation id, so it alone is not the event; without one, the bytes are.
            var eventId = Text(root, "correlationId") is { } correlation
                ? $"{correlation}|{Text(root, "type")}|{applicant}|{Text(root, "createdAtMs") ?? Text(root, "createdAt")}"
                : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
            if (applicant is null || applicant.Length > 100 || eventId.Length > 400)
            {
                return null;
            }

            var isCompany = string.Equals(Text(root, "applicantType"), "company", StringComparison.OrdinalIgnoreCase);
            var companyRef = isCompany && Text(root, "externalUserId") is { } external ? CompanyRef.Normalise(external) : null;
            return new SumsubEvent(eventId, applicant, isCompany, string.IsNullOrEmpty(companyRef) ? null : companyRef);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the event was handled already (Sumsub resent it): it is then ignored.</summary>
    public async Task<bool> HandledAsync(string source, string eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from source_events where source = @source and event_id = @event)");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("event", eventId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Remembers the event as handled (once its run is queued), and forgets those older than a month.</summary>
    public async Task RememberAsync(string source, string eventId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            with pruned as (delete from source_events where received_at < now() - @remember)
            insert into source_events (source, event_id) values (@source, @event) on conflict do nothing
            """);
        command.Parameters.AddWithValue("remember", Remember);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("event", eventId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The companies a person's event concerns: those the source's records of the person are on (their source keys
    /// begin with the applicant id). A person the ledger does not know concerns no company; the next full pass reads
    /// them if they belong.
    /// </summary>
    public async Task<string[]> CompaniesOfPersonAsync(string source, string applicantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select distinct company_ref from sync_records
            where source = @source and company_ref is not null and left(source_id, length(@prefix)) = @prefix
            order by company_ref
            """);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("prefix", applicantId + "/");
        var companies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            companies.Add(reader.GetString(0));
        }

        return [.. companies];
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
