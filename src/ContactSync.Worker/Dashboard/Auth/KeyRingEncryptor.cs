using System.Xml.Linq;
using ContactSync.Core.Security;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Seals each new data-protection key under <c>Dashboard:KeyEncryptionKey</c> before it reaches PostgreSQL: whoever
/// reads the table (a backup, a replica, a support login) cannot forge sign-in cookies or antiforgery tokens with it.
/// </summary>
internal sealed class KeyRingEncryptor(SealedXml seal) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(seal.Seal(plaintextElement), typeof(KeyRingDecryptor));
}
