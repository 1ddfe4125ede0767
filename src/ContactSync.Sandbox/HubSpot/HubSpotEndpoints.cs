using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.HubSpot;

/// <summary>The CRM endpoints a contact source reads, shaped as HubSpot answers them.</summary>
internal static class HubSpotEndpoints
{
    private static readonly string[] DefaultProperties = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"];

    public static IEndpointRouteBuilder MapHubSpot(this IEndpointRouteBuilder app)
    {
        app.MapPost("/crm/v3/objects/contacts/search", Search);
        app.MapGet("/crm/v3/objects/contacts", List);
        app.MapPost("/crm/v4/associations/contacts/companies/batch/read", Associations);
        app.MapGet("/crm/v4/objects/contacts/{id}/associations/companies", AssociationPage);
        app.MapPost("/crm/v3/objects/companies/batch/read", Companies);
        return app;
    }

    private static IResult Search(JsonElement body, HubSpotStore store, IOptionsMonitor<HubSpotOptions> options)
    {
        var settings = options.CurrentValue;
        var limit = Math.Clamp(body.TryGetProperty("limit", out var l) && l.TryGetInt32(out var asked) ? asked : 10, 1, settings.MaxPageSize);
        var offset = body.TryGetProperty("after", out var a) && int.TryParse(a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : 0;
        if (offset >= settings.SearchCap)
        {
            return Error(400, "VALIDATION_ERROR", $"Search results are limited to {settings.SearchCap} records: narrow the query (the after offset {offset} is past it).");
        }

        var groups = body.TryGetProperty("filterGroups", out var g) && g.ValueKind == JsonValueKind.Array ? g.EnumerateArray().ToList() : [];
        var sorts = body.TryGetProperty("sorts", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
        if (sorts.Count > 1)
        {
            return Error(400, "VALIDATION_ERROR", "Only one sort is allowed.");
        }

        var properties = Properties(body);
        return store.Read(crm =>
        {
            var matches = crm.Contacts.Where(contact => !contact.Archived && Matches(contact, groups));
            matches = sorts.Count == 0
                ? matches.OrderBy(contact => long.Parse(contact.Id, CultureInfo.InvariantCulture))
                : Sort(matches, sorts[0]);
            var all = matches.ToList();
            // No result past the cap is ever served; the page that would start there is a 400.
            var page = all.Skip(offset).Take(Math.Min(limit, settings.SearchCap - offset)).Select(contact => Record(contact, properties)).ToList();
            var result = new JsonObject { ["total"] = all.Count, ["results"] = new JsonArray([.. page]) };
            if (offset + page.Count < all.Count)
            {
                var next = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
                result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next } };
            }

            crm.SearchAnswered();
            return Results.Json(result);
        });
    }

    private static IResult List(HttpRequest request, HubSpotStore store, IOptionsMonitor<HubSpotOptions> options)
    {
        var limit = Math.Clamp(int.TryParse(request.Query["limit"], out var asked) ? asked : 10, 1, 100);
        var archived = bool.TryParse(request.Query["archived"], out var wanted) && wanted;
        var after = long.TryParse(request.Query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : 0;
        var properties = request.Query["properties"].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return store.Read(crm =>
        {
            var page = crm.Contacts
                .Where(contact => contact.Archived == archived && long.Parse(contact.Id, CultureInfo.InvariantCulture) >= after)
                .OrderBy(contact => long.Parse(contact.Id, CultureInfo.InvariantCulture))
                .Take(limit + 1)
                .ToList();
            var result = new JsonObject { ["results"] = new JsonArray([.. page.Take(limit).Select(contact => Record(contact, properties))]) };
            if (page.Count > limit)
            {
                result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = page[limit].Id, ["link"] = $"/crm/v3/objects/contacts?after={page[limit].Id}" } };
            }

            return Results.Json(result);
        });
    }

    private static IResult Associations(JsonElement body, HubSpotStore store, TimeProvider time)
    {
        var ids = Inputs(body);
        if (ids.Count > 1000)
        {
            return Error(400, "VALIDATION_ERROR", "At most 1000 inputs.");
        }

        var started = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return store.Read(crm =>
        {
            // As HubSpot answers: a contact with no company (or none known) is an error of its own, and the answer a 207.
            var (found, none) = (ids.Where(id => crm.AssociationsOf(id).Any()).ToList(), ids.Where(id => !crm.AssociationsOf(id).Any()).ToList());
            var result = new JsonObject
            {
                ["status"] = "COMPLETE",
                ["results"] = new JsonArray([.. found.Select(id => (JsonNode)new JsonObject
                {
                    ["from"] = new JsonObject { ["id"] = id },
                    ["to"] = new JsonArray([.. crm.AssociationsOf(id).Select(pair => Associated(pair.Company, pair.Types))]),
                })]),
                ["startedAt"] = started,
                ["completedAt"] = started,
            };
            if (none.Count > 0)
            {
                result["numErrors"] = none.Count;
                result["errors"] = new JsonArray([.. none.Select(id => (JsonNode)new JsonObject
                {
                    ["status"] = "error",
                    ["category"] = "OBJECT_NOT_FOUND",
                    ["subCategory"] = "crm.associations.NO_ASSOCIATIONS_FOUND",
                    ["context"] = new JsonObject { ["fromObjectId"] = new JsonArray(id) },
                    ["message"] = $"No company is associated with contact {id}.",
                })]);
            }

            return Results.Json(result, statusCode: none.Count > 0 ? StatusCodes.Status207MultiStatus : StatusCodes.Status200OK);
        });
    }

    private static IResult AssociationPage(string id, HubSpotStore store)
        => store.Read(crm => crm.ContactsById.ContainsKey(id)
            ? Results.Json(new JsonObject { ["results"] = new JsonArray([.. crm.AssociationsOf(id).Select(pair => Associated(pair.Company, pair.Types))]) })
            : Error(404, "OBJECT_NOT_FOUND", $"No contact {id}."));

    private static JsonNode Associated(string company, IReadOnlyList<HubSpotAssociationType> types) => new JsonObject
    {
        ["toObjectId"] = long.Parse(company, CultureInfo.InvariantCulture),
        ["associationTypes"] = new JsonArray([.. types.Select(type => (JsonNode)new JsonObject
        {
            ["category"] = type.Category,
            ["typeId"] = type.TypeId,
            ["label"] = type.Label,
        })]),
    };

    private static IResult Companies(JsonElement body, HubSpotStore store)
    {
        var ids = Inputs(body);
        var properties = Properties(body);
        return store.Read(crm => Results.Json(new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = new JsonArray([.. ids.Where(crm.CompaniesById.ContainsKey).Select(id => Record(crm.CompaniesById[id], properties))]),
        }));
    }

    private static List<string> Inputs(JsonElement body)
        => body.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Array
            ? [.. inputs.EnumerateArray().Select(input => input.TryGetProperty("id", out var id) ? (id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText()) : "")]
            : [];

    private static List<string> Properties(JsonElement body)
        => body.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Array ? [.. p.EnumerateArray().Select(name => name.GetString() ?? "")] : [];

    private static JsonNode Record(HubSpotRecord record, IReadOnlyCollection<string> properties)
    {
        var values = new JsonObject();
        // HubSpot adds the id and the record's created and modified dates to whatever was asked for.
        var modified = record.Properties.ContainsKey("hs_lastmodifieddate") ? "hs_lastmodifieddate" : "lastmodifieddate";
        foreach (var name in (properties.Count == 0 ? DefaultProperties : properties.Union(["hs_object_id", "createdate", modified])).Distinct())
        {
            var value = record.Properties.GetValueOrDefault(name);
            // Date-time properties are stored as epoch milliseconds (what filters compare) and written as HubSpot writes them: ISO 8601.
            values[name] = name is "createdate" or "lastmodifieddate" or "hs_lastmodifieddate" && long.TryParse(value, CultureInfo.InvariantCulture, out var millis)
                ? DateTimeOffset.FromUnixTimeMilliseconds(millis).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
                : value;
        }

        return new JsonObject
        {
            ["id"] = record.Id,
            ["properties"] = values,
            ["createdAt"] = record.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["updatedAt"] = record.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["archived"] = record.Archived,
        };
    }

    private static bool Matches(HubSpotRecord contact, List<JsonElement> groups)
        => groups.Count == 0 || groups.Any(group =>
            !group.TryGetProperty("filters", out var filters) || filters.EnumerateArray().All(filter => Holds(contact, filter)));

    private static bool Holds(HubSpotRecord contact, JsonElement filter)
    {
        var name = filter.GetProperty("propertyName").GetString() ?? "";
        var op = filter.GetProperty("operator").GetString() ?? "";
        var actual = contact.Properties.GetValueOrDefault(name);
        var value = filter.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
        return op switch
        {
            "HAS_PROPERTY" => !string.IsNullOrEmpty(actual),
            "NOT_HAS_PROPERTY" => string.IsNullOrEmpty(actual),
            "EQ" => Compare(name, actual, value) == 0,
            "NEQ" => Compare(name, actual, value) != 0,
            "GT" => Compare(name, actual, value) > 0,
            "GTE" => Compare(name, actual, value) >= 0,
            "LT" => Compare(name, actual, value) < 0,
            "LTE" => Compare(name, actual, value) <= 0,
            _ => false,
        };
    }

    // Dates and ids compare as numbers (epoch milliseconds, or an ISO date given as the value); other properties as text.
    private static int Compare(string name, string? actual, string? value)
    {
        if (name is "lastmodifieddate" or "createdate" or "hs_object_id")
        {
            return Number(actual).CompareTo(Number(value));
        }

        return string.Compare(actual, value, StringComparison.OrdinalIgnoreCase);
    }

    private static long Number(string? text)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUnixTimeMilliseconds()
            : long.MinValue;

    private static IEnumerable<HubSpotRecord> Sort(IEnumerable<HubSpotRecord> records, JsonElement sort)
    {
        var name = sort.TryGetProperty("propertyName", out var p) ? p.GetString() ?? "hs_object_id" : "hs_object_id";
        var descending = sort.TryGetProperty("direction", out var d) && d.GetString() == "DESCENDING";
        Func<HubSpotRecord, long> key = record => Number(record.Properties.GetValueOrDefault(name));
        // HubSpot orders equal values in no promised order; the Sandbox keeps them by id so tests can reproduce a page.
        return descending
            ? records.OrderByDescending(key).ThenBy(record => long.Parse(record.Id, CultureInfo.InvariantCulture))
            : records.OrderBy(key).ThenBy(record => long.Parse(record.Id, CultureInfo.InvariantCulture));
    }

    private static IResult Error(int status, string category, string message)
        => Results.Json(new { status = "error", message, correlationId = Guid.NewGuid(), category }, statusCode: status);
}
