using System.ComponentModel.DataAnnotations;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>The settings of a <c>Type=HubSpot</c> source, in its own section <c>ContactSync:Sources:N</c>.</summary>
public sealed class HubSpotSourceOptions
{
    public const string DefaultBaseUrl = "https://api.hubapi.com";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>A bearer token (a legacy private-app token or an account service key; a secret) with the scopes <c>crm.objects.contacts.read</c> and <c>crm.objects.companies.read</c>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>
    /// Roles from contact→company association labels, by label type id (<c>RoleLabels__5=Director</c>,
    /// <c>RoleLabels__7=NominatedRecipient</c>): the labelled company is the contact's company for that role. Refer to
    /// labels by type id; HubSpot renames labels.
    /// </summary>
    public Dictionary<string, string> RoleLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Or roles from a contact property (a multi-select's <c>a;b</c> gives several), mapped by <see cref="RoleValues"/>.</summary>
    public string? RoleProperty { get; set; }

    /// <summary>For <see cref="RoleProperty"/>: each property value that is a key-contact role (<c>RoleValues__director=Director</c>).</summary>
    public Dictionary<string, string> RoleValues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A company property holding the reference contract resolution matches (a company-number property, say); unset,
    /// the HubSpot company id is the reference.
    /// </summary>
    public string? CompanyRefProperty { get; set; }

    /// <summary>A contact property holding the date of birth (HubSpot's default <c>date_of_birth</c> is free text); unset, none is read.</summary>
    public string? DateOfBirthProperty { get; set; }

    /// <summary>How often a run reads every contact instead of the changed ones: what catches what search misses, and what Mirror trusts.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "31.00:00:00")]
    public TimeSpan CompleteReadEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far before the watermark an incremental read starts again (search indexes changes a little late).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Records asked for per page (HubSpot serves up to 200 in search, 100 in lists).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>Results one search query can page through (HubSpot's is 10,000): a read starts a new query before it.</summary>
    [Range(10, 10_000)]
    public int SearchResultLimit { get; set; } = 10_000;

    /// <summary>
    /// Requests a second ContactSync allows itself, and searches a second (HubSpot allows 100-190 per 10 s, and about 5
    /// searches a second, per account, shared with every other integration): kept under, so 429s stay rare.
    /// </summary>
    [Range(1, 100)]
    public int RequestsPerSecond { get; set; } = 8;

    [Range(1, 20)]
    public int SearchesPerSecond { get; set; } = 3;

    /// <summary>The account's time zone (IANA), in which HubSpot's daily limit resets at midnight.</summary>
    public string AccountTimeZone { get; set; } = "UTC";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
