using System.Text.Json.Nodes;

namespace ContactSync.Sandbox.HubSpot;

/// <summary>
/// What tests and the demo change in the CRM, under <c>/_sandbox/hubspot</c>: contacts (created or edited, which moves
/// their modified time, optionally to a given instant), archived contacts, and association labels (which do not).
/// </summary>
internal static class HubSpotAdminEndpoints
{
    public sealed record ContactChange(Dictionary<string, string?> Properties, Dictionary<string, int[]>? Associations = null, DateTimeOffset? At = null);

    public sealed record Labels(int[] TypeIds);

    public sealed record EditDuringSearch(int Searches = 1, DateTimeOffset? At = null);

    public static IEndpointRouteBuilder MapHubSpotAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/hubspot");
        admin.MapGet("/contacts", (HubSpotStore store) => store.Read(crm => Results.Json(crm.Contacts.OrderBy(contact => contact.Id, StringComparer.Ordinal).Select(contact => new JsonObject
        {
            ["id"] = contact.Id,
            ["archived"] = contact.Archived,
            ["properties"] = new JsonObject([.. contact.Properties.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
            ["associations"] = new JsonObject([.. crm.AssociationsOf(contact.Id).Select(pair =>
                KeyValuePair.Create(pair.Company, (JsonNode?)new JsonArray([.. pair.Types.Select(type => (JsonNode)type.TypeId)])))]),
        }).ToList())));
        admin.MapGet("/calls", (HubSpotCalls calls) => Results.Json(calls.Snapshot()));
        admin.MapPost("/contacts", (ContactChange body, HubSpotStore store) =>
            Results.Json(new { id = store.Upsert(null, body.Properties, body.Associations, body.At) }, statusCode: StatusCodes.Status201Created));
        admin.MapPatch("/contacts/{id}", (string id, ContactChange body, HubSpotStore store) =>
            store.Read(crm => crm.ContactsById.ContainsKey(id)) ? Results.Json(new { id = store.Upsert(id, body.Properties, body.Associations, body.At) }) : Results.NotFound());
        // The contact's modified time moves once that many more searches are answered: an edit while a read pages.
        admin.MapPost("/contacts/{id}/edit-after-searches", (string id, EditDuringSearch body, HubSpotStore store) =>
            store.EditAfterSearches(id, body.Searches, body.At) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/contacts/{id}/archive", (string id, HubSpotStore store) => store.Archive(id) ? Results.NoContent() : Results.NotFound());
        admin.MapPut("/contacts/{id}/associations/{company}", (string id, string company, Labels body, HubSpotStore store) =>
            store.Associate(id, company, body.TypeIds) ? Results.NoContent() : Results.NotFound());
        return app;
    }
}
