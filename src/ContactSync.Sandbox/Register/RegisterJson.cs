using System.Globalization;
using System.Text.Json.Nodes;

namespace ContactSync.Sandbox.Register;

/// <summary>The register's JSON shapes (snake_case members, every optional member left out when empty).</summary>
internal static class RegisterJson
{
    public static JsonObject Profile(RegisterCompany company)
    {
        var profile = new JsonObject
        {
            ["company_name"] = company.Name,
            ["company_number"] = company.Number,
            ["company_status"] = company.Status,
            ["type"] = "ltd",
            ["can_file"] = true,
            ["jurisdiction"] = company.Number.StartsWith("SC", StringComparison.Ordinal) ? "scotland" : "england-wales",
            ["registered_office_address"] = new JsonObject
            {
                ["premises"] = "Suite 5",
                ["address_line_1"] = "1 Virtual Street",
                ["locality"] = "London",
                ["postal_code"] = "EC1A 1AA",
                ["country"] = "England",
            },
            ["etag"] = Etag(company.Number + company.Name + company.PreviousNames.Count),
            ["links"] = new JsonObject { ["self"] = $"/company/{company.Number}", ["officers"] = $"/company/{company.Number}/officers" },
        };
        if (company.PreviousNames.Count > 0)
        {
            profile["previous_company_names"] = new JsonArray([.. company.PreviousNames.Select(previous => (JsonNode)new JsonObject
            {
                ["name"] = previous.Name,
                ["effective_from"] = previous.EffectiveFrom,
                ["ceased_on"] = previous.CeasedOn,
            })]);
        }

        return profile;
    }

    public static JsonObject Officer(string number, RegisterOfficer officer)
    {
        var item = new JsonObject
        {
            ["name"] = officer.Name,
            ["officer_role"] = officer.Role,
        };
        if (officer.AppointedOn is { } appointed)
        {
            item["appointed_on"] = appointed;
        }

        if (officer.ResignedOn is { } resigned)
        {
            item["resigned_on"] = resigned;
        }

        if (officer.DateOfBirth is { } born)
        {
            item["date_of_birth"] = new JsonObject { ["month"] = born.Month, ["year"] = born.Year };
        }

        if (!officer.Corporate)
        {
            item["nationality"] = "British";
            item["occupation"] = "Director";
            item["country_of_residence"] = officer.Address.Country ?? "England";
        }
        else
        {
            item["identification"] = new JsonObject { ["identification_type"] = "uk-limited-company", ["registration_number"] = "09999999" };
        }

        var address = new JsonObject();
        void Set(string key, string? value)
        {
            if (value is not null)
            {
                address[key] = value;
            }
        }

        Set("premises", officer.Address.Premises);
        Set("address_line_1", officer.Address.AddressLine1);
        Set("address_line_2", officer.Address.AddressLine2);
        Set("locality", officer.Address.Locality);
        Set("region", officer.Address.Region);
        Set("postal_code", officer.Address.PostalCode);
        Set("country", officer.Address.Country);
        item["address"] = address;

        var links = new JsonObject { ["officer"] = new JsonObject { ["appointments"] = $"/officers/{officer.OfficerId}/appointments" } };
        if (!officer.OmitSelfLink)
        {
            links["self"] = $"/company/{number}/appointments/{officer.AppointmentId}";
        }

        item["links"] = links;
        item["etag"] = Etag(officer.AppointmentId + officer.ResignedOn + officer.Address);
        return item;
    }

    public static JsonObject OfficerList(RegisterCompany company, int start, int size)
    {
        var page = company.Officers.Skip(start).Take(size).Select(officer => (JsonNode)Officer(company.Number, officer)).ToList();
        return new JsonObject
        {
            ["kind"] = "officer-list",
            ["etag"] = Etag(company.Number + company.Officers.Count),
            ["links"] = new JsonObject { ["self"] = $"/company/{company.Number}/officers" },
            ["items_per_page"] = size,
            ["start_index"] = start,
            ["total_results"] = company.Officers.Count,
            ["active_count"] = company.Officers.Count(officer => officer.ResignedOn is null),
            ["resigned_count"] = company.Officers.Count(officer => officer.ResignedOn is not null),
            ["inactive_count"] = 0,
            ["items"] = new JsonArray([.. page]),
        };
    }

    public static string Event(RegisterEvent e) => new JsonObject
    {
        ["resource_kind"] = e.ResourceKind,
        ["resource_uri"] = e.ResourceUri,
        ["resource_id"] = e.ResourceId,
        ["data"] = e.Data is JsonNode node ? node.DeepClone() : null,
        ["event"] = new JsonObject
        {
            ["type"] = e.Type,
            ["timepoint"] = e.Timepoint,
            ["published_at"] = e.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        },
    }.ToJsonString();

    private static string Etag(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
