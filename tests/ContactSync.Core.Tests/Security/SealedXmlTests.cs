using System.Security.Cryptography;
using System.Xml.Linq;
using ContactSync.Core.Security;

namespace ContactSync.Core.Tests.Security;

public sealed class SealedXmlTests
{
    private static readonly XElement MasterKey = XElement.Parse(
        "<masterKey xmlns=\"http://schemas.asp.net/2015/03/dataProtection\"><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");

    [Fact]
    public void A_sealed_element_hides_its_content_and_opens_to_the_same_element_under_its_key()
    {
        var key = RandomNumberGenerator.GetBytes(SealedXml.KeyBytes);
        var seal = new SealedXml(key);

        var sealedElement = seal.Seal(MasterKey);
        var text = sealedElement.ToString();

        Assert.DoesNotContain("masterKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key), text, StringComparison.Ordinal);
        Assert.Equal(seal.KeyId, (string?)sealedElement.Attribute("keyId"));
        Assert.True(XNode.DeepEquals(MasterKey, new SealedXml(key).Open(XElement.Parse(text))));
    }

    [Fact]
    public void Sealing_twice_gives_different_ciphertexts()
    {
        var seal = new SealedXml(RandomNumberGenerator.GetBytes(SealedXml.KeyBytes));

        Assert.NotEqual(seal.Seal(MasterKey).Value, seal.Seal(MasterKey).Value);
    }

    [Fact]
    public void Another_key_is_named_as_the_reason_it_does_not_open()
    {
        var sealedElement = new SealedXml(RandomNumberGenerator.GetBytes(SealedXml.KeyBytes)).Seal(MasterKey);
        var other = new SealedXml(RandomNumberGenerator.GetBytes(SealedXml.KeyBytes));

        var refused = Assert.Throws<SealedXmlException>(() => other.Open(sealedElement));
        Assert.Contains("another key", refused.Message, StringComparison.Ordinal);

        // Without the key id to go by, the cipher itself refuses it.
        sealedElement.Attribute("keyId")!.Remove();
        Assert.Contains("another key", Assert.Throws<SealedXmlException>(() => other.Open(sealedElement)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_is_noticed()
    {
        var seal = new SealedXml(RandomNumberGenerator.GetBytes(SealedXml.KeyBytes));
        var sealedElement = seal.Seal(MasterKey);
        var bytes = Convert.FromBase64String(sealedElement.Value);
        bytes[20] ^= 0x01;
        sealedElement.Value = Convert.ToBase64String(bytes);

        Assert.Throws<SealedXmlException>(() => seal.Open(sealedElement));
        Assert.Throws<SealedXmlException>(() => seal.Open(new XElement("sealed", new XAttribute("version", "aes256gcm-1"), "not base64!")));
        Assert.Throws<SealedXmlException>(() => seal.Open(MasterKey));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("CHANGE-ME", false)]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", false)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    public void A_key_is_base64_of_exactly_32_bytes(string? text, bool readable)
    {
        Assert.Equal(readable, SealedXml.TryReadKey(text, out var key));
        Assert.Equal(readable ? 32 : 0, key.Length);
    }
}
