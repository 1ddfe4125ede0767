using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.HubSpot;

/// <summary>The emulated HubSpot CRM: <c>Sandbox:HubSpot</c>.</summary>
internal sealed class HubSpotOptions
{
    public const string SectionName = "Sandbox:HubSpot";
    public const string DefaultAccessToken = "pat-sandbox-0000";

    /// <summary>The bearer token the CRM accepts (a private-app token or a service key).</summary>
    [Required]
    public string AccessToken { get; set; } = DefaultAccessToken;

    /// <summary>Results one search query can page through: beyond it, a 400 (HubSpot's is 10,000).</summary>
    [Range(1, 1_000_000)]
    public int SearchCap { get; set; } = 10_000;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Requests per rolling 10 s (0: off); beyond it a 429 with <c>policyName</c> <c>TEN_SECONDLY_ROLLING</c>.</summary>
    [Range(0, 100_000)]
    public int TenSecondlyLimit { get; set; }

    /// <summary>Requests a day (0: off); beyond it a 429 with <c>policyName</c> <c>DAILY</c> until the Sandbox is reset.</summary>
    [Range(0, 10_000_000)]
    public int DailyLimit { get; set; }
}
