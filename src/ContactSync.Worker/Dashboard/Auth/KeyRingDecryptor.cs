using System.Xml.Linq;
using ContactSync.Core.Security;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Opens keys sealed by <see cref="KeyRingEncryptor"/>. Data protection creates it by name from the stored XML, with
/// the service provider, so it reads the key itself. This type's name is stored with every sealed key: keep it.
/// </summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var configured = services.GetRequiredService<IOptions<DashboardCredentials>>().Value.KeyEncryptionKey;
        if (!SealedXml.TryReadKey(configured, out var key))
        {
            throw new SealedXmlException("The data-protection keys are encrypted, and Dashboard:KeyEncryptionKey is not set.");
        }

        return new SealedXml(key).Open(encryptedElement);
    }
}
