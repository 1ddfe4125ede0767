using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// Keeps the data-protection key ring in PostgreSQL, shared by every replica. Sign-in cookies and antiforgery tokens
/// (ours and Hangfire's dashboard buttons) are protected with these keys, and a form served by one pod is often posted
/// to another; per-pod keys would reject it, and the pods' file systems are read-only anyway. With
/// <c>Dashboard:KeyEncryptionKey</c> set, what is stored is sealed (<see cref="Auth.KeyRingEncryptor"/>).
/// The table comes with the numbered migrations (0006).
/// </summary>
internal sealed class DataProtectionKeyRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string SelectSql = "select xml from worker_data_protection_keys order by created_at";

    private const string InsertSql = """
        insert into worker_data_protection_keys (friendly_name, xml)
        values (@friendly_name, @xml)
        on conflict (friendly_name) do nothing
        """;

    // IXmlRepository is synchronous; it is called rarely (key ring refresh, once a day or on an unknown key).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand(SelectSql);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.AddWithValue("friendly_name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
