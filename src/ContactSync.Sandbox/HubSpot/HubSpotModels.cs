namespace ContactSync.Sandbox.HubSpot;

/// <summary>A CRM record: an id and string properties (HubSpot's values are all strings), with its times.</summary>
internal sealed class HubSpotRecord(string id, Dictionary<string, string?> properties, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public Dictionary<string, string?> Properties { get; } = properties;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
    public bool Archived { get; set; }
}

/// <summary>One association type on a contact→company pair: HubSpot's category, type id and label.</summary>
internal sealed record HubSpotAssociationType(string Category, int TypeId, string? Label);

/// <summary>The association labels the Sandbox defines, by type id (refer to them by id: labels get renamed).</summary>
internal static class HubSpotLabels
{
    public const int Unlabelled = 279;
    public const int Primary = 1;
    public const int Director = 5;
    public const int NominatedRecipient = 7;

    public static HubSpotAssociationType For(int typeId) => typeId switch
    {
        Unlabelled => new("HUBSPOT_DEFINED", Unlabelled, null),
        Primary => new("HUBSPOT_DEFINED", Primary, "Primary"),
        Director => new("USER_DEFINED", Director, "Director"),
        NominatedRecipient => new("USER_DEFINED", NominatedRecipient, "Nominated recipient"),
        _ => new("USER_DEFINED", typeId, $"Label {typeId}"),
    };
}
