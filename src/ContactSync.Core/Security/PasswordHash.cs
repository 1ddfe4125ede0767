using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Core.Security;

/// <summary>
/// A salted, slow password hash in a self-describing text form, <c>pbkdf2-sha256$iterations$salt$hash</c> (salt and
/// hash in base64), so a secret can hold a login without holding the password, and the cost can rise later without
/// breaking the hashes already issued.
/// </summary>
public sealed class PasswordHash
{
    public const string Algorithm = "pbkdf2-sha256";

    /// <summary>What <see cref="Create"/> uses: OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Below this a hash is refused as too cheap to guess against.</summary>
    public const int MinimumIterations = 100_000;

    public const string Format = Algorithm + "$<iterations>$<salt, base64>$<hash, base64>";

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations, HashBytes));
    }

    /// <param name="problem">Why the text is not a usable hash; never repeats the text.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PasswordHash? hash, [NotNullWhen(false)] out string? problem)
    {
        hash = null;
        var parts = (text ?? "").Split('$');
        if (parts.Length != 4 || !string.Equals(parts[0], Algorithm, StringComparison.Ordinal))
        {
            problem = $"must be a hash of the form {Format} (make one with: hash-password)";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < MinimumIterations)
        {
            problem = $"must use at least {MinimumIterations} iterations";
            return false;
        }

        if (!TryBase64(parts[2], out var salt) || salt.Length < SaltBytes)
        {
            problem = $"must carry a salt of at least {SaltBytes} bytes in base64";
            return false;
        }

        if (!TryBase64(parts[3], out var derived) || derived.Length < HashBytes)
        {
            problem = $"must carry a hash of at least {HashBytes} bytes in base64";
            return false;
        }

        hash = new PasswordHash(iterations, salt, derived);
        problem = null;
        return true;
    }

    /// <summary>Derives the password's hash again and compares it in constant time.</summary>
    public bool Verifies(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations, _hash.Length), _hash);
    }

    public override string ToString()
        => string.Join('$', Algorithm, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(_salt), Convert.ToBase64String(_hash));

    private static byte[] Derive(string password, byte[] salt, int iterations, int length)
        => Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
