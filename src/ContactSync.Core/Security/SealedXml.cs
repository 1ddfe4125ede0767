using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace ContactSync.Core.Security;

/// <summary>
/// Seals an XML element with AES-256-GCM under a key-encryption key, so what is stored is ciphertext that nobody without
/// the key can read or alter unnoticed. The sealed element names the key by a fingerprint (a hash, never the key), so
/// an element sealed under another key is told apart from a damaged one.
/// </summary>
public sealed class SealedXml
{
    public const int KeyBytes = 32;

    public static readonly XName ElementName = "sealed";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const string Version = "aes256gcm-1";

    // Bound into every seal: a ciphertext made for something else does not open here.
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("ContactSync data-protection key ring");

    private readonly byte[] _key;

    public SealedXml(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The key must be {KeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
        KeyId = FingerprintOf(_key);
    }

    /// <summary>A short public name of the key (the start of a SHA-256 over it), stored beside each seal.</summary>
    public string KeyId { get; }

    /// <summary>Reads a key given as base64 of exactly <see cref="KeyBytes"/> bytes.</summary>
    public static bool TryReadKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != KeyBytes)
        {
            return false;
        }

        key = buffer[..KeyBytes];
        return true;
    }

    public XElement Seal(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var plaintext = Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(_key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Purpose);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return new XElement(
            ElementName,
            new XAttribute("version", Version),
            new XAttribute("keyId", KeyId),
            Convert.ToBase64String([.. nonce, .. ciphertext, .. tag]));
    }

    /// <summary>Opens a sealed element.</summary>
    /// <exception cref="SealedXmlException">Sealed under another key, damaged, or not a sealed element.</exception>
    public XElement Open(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Name != ElementName || (string?)element.Attribute("version") != Version)
        {
            throw new SealedXmlException("The element is not one this version seals.");
        }

        if ((string?)element.Attribute("keyId") is { } keyId && !string.Equals(keyId, KeyId, StringComparison.Ordinal))
        {
            throw new SealedXmlException($"The element was sealed under another key (key id {keyId}; this key's id is {KeyId}).");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(element.Value);
        }
        catch (FormatException)
        {
            throw new SealedXmlException("The sealed element is damaged (not base64).");
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new SealedXmlException("The sealed element is damaged (too short).");
        }

        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        var ciphertext = sealedBytes.AsSpan(NonceBytes, sealedBytes.Length - NonceBytes - TagBytes);
        var tag = sealedBytes.AsSpan(sealedBytes.Length - TagBytes);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, Purpose);
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SealedXmlException("The sealed element does not open with this key: it was sealed under another key, or altered.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static string FingerprintOf(byte[] key)
        => Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes("ContactSync key id:"), .. key]).AsSpan(0, 6));
}
