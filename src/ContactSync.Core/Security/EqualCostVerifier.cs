using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Core.Security;

/// <summary>
/// Checks a password so that the work done does not tell which user names exist: every check runs the costliest kind
/// of comparison any login is configured with, against the user's secret or against a stand-in. With a hashed login,
/// every check derives one PBKDF2 hash of the iterations the logins use; with a clear-text login, every check compares
/// two SHA-256 digests in fixed time. A clear-text login beside hashed ones pays for a stand-in hash too, and the
/// reverse.
/// </summary>
public sealed class EqualCostVerifier
{
    private readonly Lazy<PasswordHash>? _standInHash;
    private readonly string? _standInClear;

    public EqualCostVerifier(IEnumerable<StoredSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var all = secrets.ToList();

        // The most iterations any login uses: an unknown name must cost at least what the dearest known one does.
        var iterations = all.Select(secret => secret.Hash?.Iterations ?? 0).DefaultIfEmpty(0).Max();
        if (iterations > 0)
        {
            _standInHash = new Lazy<PasswordHash>(() => PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), iterations));
        }

        if (all.Any(secret => secret.Hash is null && secret.ClearPassword is not null))
        {
            _standInClear = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
    }

    /// <param name="secret">The user's secret; null for a name no login has.</param>
    public bool Verify(StoredSecret? secret, string password) => Check(secret, password).Matches;

    /// <summary>The check, with the work it did, so tests can see that an unknown name costs what a known one does.</summary>
    internal CheckWork Check(StoredSecret? secret, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = secret?.Hash ?? _standInHash?.Value;
        var hashMatches = hash?.Verifies(password) ?? false;

        // Digests of equal length, so the comparison's time says nothing of the password's length either.
        var expected = secret is { Hash: null, ClearPassword: { } clear } ? clear : _standInClear;
        var clearMatches = expected is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(password)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

        // Only the user's own secret can match; a stand-in's comparison is work and nothing else.
        var matches = secret is not null && (secret.Hash is not null ? hashMatches : secret.ClearPassword is not null && clearMatches);
        return new CheckWork(matches, hash?.Iterations ?? 0, expected is not null);
    }

    internal readonly record struct CheckWork(bool Matches, int HashIterations, bool DigestsCompared);
}
