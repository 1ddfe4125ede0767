using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ContactSync.Core.Security;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// The configured Basic logins, checked in constant time. Basic sends the credentials with every request and PBKDF2 is
/// slow on purpose, so a pair that verified is remembered for a few minutes, keyed by an HMAC under a key of this
/// process (never the password itself); a failure is never remembered, and pays the full cost every time.
/// </summary>
internal sealed class BasicUsers
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);
    private const int MaxRemembered = 1_000;

    private readonly Dictionary<string, Login> _logins = new(StringComparer.Ordinal);
    private readonly Lazy<PasswordHash> _standIn = new(() => PasswordHash.Create("no such user: the same cost as a real one"));
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
                PasswordHash.TryParse(settings.PasswordHash, out var hash, out _) ? hash : null,
                string.IsNullOrEmpty(settings.PasswordHash) ? settings.Password : null);
        }

        foreach (var user in settings.Users)
        {
            if (!string.IsNullOrEmpty(user.Name) && PasswordHash.TryParse(user.PasswordHash, out var hash, out _))
            {
                _logins.TryAdd(user.Name, new Login(user.Name, user.Role, hash, ClearPassword: null));
            }
        }
    }

    public bool Any => _logins.Count > 0;

    /// <returns>The user's name and role, or null when the pair does not match a login.</returns>
    public (string Name, DashboardRole Role)? Verify(string username, string password)
    {
        var now = _time.GetUtcNow();
        var key = CacheKey(username, password);
        if (_verified.TryGetValue(key, out var known) && known.Until > now)
        {
            return (known.Login.Name, known.Login.Role);
        }

        var login = _logins.GetValueOrDefault(username);
        if (!Matches(login, password) || login is null)
        {
            return null;
        }

        if (_verified.Count >= MaxRemembered)
        {
            _verified.Clear();
        }

        _verified[key] = (login, now + Remembered);
        return (login.Name, login.Role);
    }

    // An unknown user costs what a known one does, so timing does not tell which names exist.
    private bool Matches(Login? login, string password)
    {
        if (login?.Hash is { } hash)
        {
            return hash.Verifies(password);
        }

        if (login?.ClearPassword is { } clear)
        {
            return CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(password)),
                SHA256.HashData(Encoding.UTF8.GetBytes(clear)));
        }

        _ = _standIn.Value.Verifies(password);
        return false;
    }

    private string CacheKey(string username, string password)
        => Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes($"{username.Length}:{username}{password}")));

    private sealed record Login(string Name, DashboardRole Role, PasswordHash? Hash, string? ClearPassword);
}
