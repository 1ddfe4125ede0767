using System.ComponentModel.DataAnnotations;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>The settings of a <c>Type=Sumsub</c> source, in its own section <c>ContactSync:Sources:N</c>.</summary>
public sealed class SumsubSourceOptions
{
    public const string DefaultBaseUrl = "https://api.sumsub.com";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The app token (a secret; a sandbox token starts <c>sbx:</c> and reads only sandbox data).</summary>
    public string AppToken { get; set; } = "";

    /// <summary>The app token's secret key, which signs every request (a secret).</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// The secret Sumsub signs its webhooks with (a secret; set in Sumsub's webhook manager). Unset: the worker's
    /// <c>POST /hooks/sumsub/{source}</c> refuses every event, and the schedule alone keeps the source in step.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Which beneficiary types are key contacts, and as what: <c>TypeMap__director=Director</c> and
    /// <c>TypeMap__representative=NominatedRecipient</c> unless configured; <c>TypeMap__ubo=Director</c> adds UBOs, and
    /// <c>None</c> takes a type out. A person with two mapped types of different kinds is two contacts.
    /// </summary>
    public Dictionary<string, string> TypeMap { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["director"] = "Director",
        ["representative"] = "NominatedRecipient",
    };

    /// <summary>
    /// Requests the app token allows per <see cref="Window"/>, shared by every replica (Sumsub documents about 300 GETs
    /// per 5 seconds per token): kept under, so 429s stay rare.
    /// </summary>
    [Range(1, 100_000)]
    public int RequestsPerWindow { get; set; } = 240;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
