using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ContactSync.Core.Security;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// The configured Basic logins, checked so that an unknown name costs what a known one does (<see cref="EqualCostVerifier"/>).
/// Basic sends the credentials with every request and PBKDF2 is slow on purpose, so a pair that verified is remembered
/// for a few minutes, keyed by an HMAC under a key of this process (never the password itself); a failure is never
/// remembered, and pays the full cost every time.
/// </summary>
internal sealed class BasicUsers
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);
    private const int MaxRemembered = 1_000;

    private readonly Dictionary<string, Login> _logins = new(StringComparer.Ordinal);
    private readonly EqualCostVerifier _verifier;
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Login Login, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public BasicUsers(IOptions<DashboardCredentials> options, TimeProvider time)
    {
        _time = time;
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.Username))
        {
            _logins[settings.Username] = new Login(
                settings.Username,
                DashboardRole.Operator,
                new StoredSecret(
                    PasswordHash.TryParse(settings.PasswordHash, out var hash, out _) ? hash : null,
                    string.IsNullOrEmpty(settings.PasswordHash) ? settings.Password : null));
        }

        foreach (var user in settings.Users)
        {
            if (!string.IsNullOrEmpty(user.Name) && PasswordHash.TryParse(user.PasswordHash, out var hash, out _))
            {
                _logins.TryAdd(user.Name, new Login(user.Name, user.Role, new StoredSecret(hash, ClearPassword: null)));
            }
        }

        _verifier = new EqualCostVerifier(_logins.Values.Select(login => login.Secret));
    }

    public bool Any => _logins.Count > 0;

    /// <summary>A pair that verified in the last few minutes, found without evaluating the password again.</summary>
    public (string Name, DashboardRole Role)? Remembers(string username, string password)
        => _verified.TryGetValue(CacheKey(username, password), out var known) && known.Until > _time.GetUtcNow()
            ? (known.Login.Name, known.Login.Role)
            : null;

    /// <returns>The user's name and role, or null when the pair does not match a login.</returns>
    public (string Name, DashboardRole Role)? Verify(string username, string password)
    {
        if (Remembers(username, password) is { } remembered)
        {
            return remembered;
        }

        var login = _logins.GetValueOrDefault(username);
        if (!_verifier.Verify(login?.Secret, password) || login is null)
        {
            return null;
        }

        if (_verified.Count >= MaxRemembered)
        {
            _verified.Clear();
        }

        _verified[CacheKey(username, password)] = (login, _time.GetUtcNow() + Remembered);
        return (login.Name, login.Role);
    }

    private string CacheKey(string username, string password)
        => Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes($"{username.Length}:{username}{password}")));

    private sealed record Login(string Name, DashboardRole Role, StoredSecret Secret);
}
