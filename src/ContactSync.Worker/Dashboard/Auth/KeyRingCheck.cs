using System.Xml;
using System.Xml.Linq;
using ContactSync.Core.Security;
using ContactSync.Worker.Configuration;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Dashboard.Auth;

/// <summary>
/// Opens every stored data-protection key at start. With a wrong or missing <c>Dashboard:KeyEncryptionKey</c> data
/// protection would quietly skip the keys it cannot open and make a new one, which the replicas with the right key
/// cannot open in turn: every sign-in and form would break back and forth. Refusing to start, naming the key, is better.
/// </summary>
internal static class KeyRingCheck
{
    private static readonly string Key = ConfigurationKey.Join(DashboardCredentials.SectionName, nameof(DashboardCredentials.KeyEncryptionKey));

    public static async Task CheckDashboardKeysAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<IOptions<DashboardCredentials>>().Value;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var seal = SealedXml.TryReadKey(settings.KeyEncryptionKey, out var key) ? new SealedXml(key) : null;

        var problems = new HashSet<string>(StringComparer.Ordinal);
        var elements = await ReadAsync(dataSource, cancellationToken);
        foreach (var stored in elements)
        {
            foreach (var secret in stored.Descendants().Where(element => element.Name.LocalName == "encryptedSecret"))
            {
                var decryptor = (string?)secret.Attribute("decryptorType") ?? "";
                if (!decryptor.StartsWith(typeof(KeyRingDecryptor).FullName + ",", StringComparison.Ordinal))
                {
                    continue;
                }

                if (seal is null)
                {
                    problems.Add(ConfigurationKey.Describe(Key, "is required: the data-protection keys in PostgreSQL are encrypted under one"));
                    continue;
                }

                try
                {
                    _ = seal.Open(secret.Elements().Single());
                }
                catch (Exception ex) when (ex is SealedXmlException or InvalidOperationException or XmlException)
                {
                    problems.Add(ConfigurationKey.Describe(Key,
                        $"does not open the data-protection keys in PostgreSQL: {ex.Message} Set the key the other replicas use " +
                        "(or, to start over, delete the rows of worker_data_protection_keys: everyone signs in again)"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(DashboardCredentials.SectionName, typeof(DashboardCredentials), problems);
        }

        if (seal is not null)
        {
            RevokeClearKeys(services, elements);
        }
    }

    // Keys written before a key-encryption key was set sit in the table in clear; while one is still in use a reader of
    // the table could forge cookies. Revoking them makes data protection issue a new, sealed key.
    private static void RevokeClearKeys(IServiceProvider services, List<XElement> elements)
    {
        var revoked = elements.Where(element => element.Name.LocalName == "revocation")
            .Select(element => (string?)element.Element("key")?.Attribute("id"))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var clear = elements.Where(element => element.Name.LocalName == "key"
                && element.Descendants().Any(child => child.Name.LocalName == "masterKey")
                && (string?)element.Attribute("id") is { } id && !revoked.Contains(id))
            .Select(element => Guid.Parse((string)element.Attribute("id")!))
            .ToList();
        if (clear.Count == 0)
        {
            return;
        }

        var keys = services.GetRequiredService<IKeyManager>();
        foreach (var id in clear)
        {
            keys.RevokeKey(id, "stored in clear before Dashboard:KeyEncryptionKey was set");
        }

        DashboardLogMessages.ClearKeysRevoked(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingCheck)), clear.Count);
    }

    private static async Task<List<XElement>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // The table comes with the migrations; before the first start there is nothing to check.
        await using var exists = dataSource.CreateCommand("select to_regclass('worker_data_protection_keys') is not null");
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand("select xml from worker_data_protection_keys");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var elements = new List<XElement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }
}
