using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>The emulated Sumsub (KYC/KYB): <c>Sandbox:Sumsub</c>. Limits and webhook settings can also be changed at run time.</summary>
internal sealed class SumsubOptions : IValidatableObject
{
    public const string SectionName = "Sandbox:Sumsub";
    public const string DefaultAppToken = "sbx:contactsync-sandbox";
    public const string DefaultSecretKey = "sandbox-sumsub-secret";
    public const string DefaultWebhookSecret = "sandbox-sumsub-webhook-secret";

    /// <summary>The one app token the API accepts (<c>X-App-Token</c>); Sumsub's sandbox tokens start <c>sbx:</c>.</summary>
    [Required]
    public string AppToken { get; set; } = DefaultAppToken;

    /// <summary>The token's secret key: the HMAC-SHA256 key of <c>X-App-Access-Sig</c>.</summary>
    [Required]
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>
    /// How far <c>X-App-Access-Ts</c> may be from the Sandbox's clock, either way, in seconds. Sumsub does not publish
    /// its window; five minutes is the usual one for signed requests.
    /// </summary>
    [Range(1, 86_400)]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>GET requests per token per window (0: off). Sumsub's default is 300 per 5 s.</summary>
    [Range(0, 1_000_000)]
    public int GetsPerWindow { get; set; } = 300;

    /// <summary>POST (and other non-GET) requests per token per window (0: off). Sumsub's default is 50 per 5 s.</summary>
    [Range(0, 1_000_000)]
    public int PostsPerWindow { get; set; } = 50;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 5;

    /// <summary>Sumsub documents no <c>Retry-After</c> on its 429; this adds one (whole seconds until a slot frees).</summary>
    public bool SendRetryAfter { get; set; }

    /// <summary>
    /// Where webhooks go: comma-separated absolute URLs, or paths (<c>/_sandbox/webhooks/sumsub</c>) resolved against the
    /// Sandbox's own address. Empty: no webhooks.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The webhook's secret: the HMAC key of <c>X-Payload-Digest</c>.</summary>
    [Required]
    public string WebhookSecret { get; set; } = DefaultWebhookSecret;

    /// <summary><c>HMAC_SHA256_HEX</c> (Sumsub's default), <c>HMAC_SHA1_HEX</c> or <c>HMAC_SHA512_HEX</c>.</summary>
    [Required]
    public string WebhookDigestAlg { get; set; } = SumsubDigest.Sha256;

    /// <summary>An answer slower than this is a failed delivery (Sumsub: 5 s).</summary>
    [Range(0.05, 600)]
    public double WebhookTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// Waits before each resend, in seconds, comma-separated: one resend per entry. Sumsub resends four times, after
    /// 5 min, 1 h, 5 h and 18 h (<c>300,3600,18000,64800</c>); the default scales that down for tests.
    /// </summary>
    [Required]
    public string WebhookRetryDelays { get; set; } = "1,2,4,8";

    /// <summary>The <c>clientId</c> applicants and webhooks carry (the Sumsub account's name).</summary>
    [Required]
    public string ClientId { get; set; } = "contactsync-sandbox";

    public IReadOnlyList<TimeSpan> RetryDelays() => ParseDelays(WebhookRetryDelays) ?? [];

    public IReadOnlyList<string> WebhookUrls() =>
        (WebhookUrl ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<TimeSpan>? ParseDelays(string text)
    {
        var delays = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0 or > 172_800)
            {
                return null;
            }

            delays.Add(TimeSpan.FromSeconds(seconds));
        }

        return delays.Count <= 10 ? delays : null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ParseDelays(WebhookRetryDelays) is null)
        {
            yield return new ValidationResult("WebhookRetryDelays must be up to ten comma-separated seconds from 0 to 172800.", [nameof(WebhookRetryDelays)]);
        }

        if (!SumsubDigest.IsKnown(WebhookDigestAlg))
        {
            yield return new ValidationResult($"WebhookDigestAlg must be one of {string.Join(", ", SumsubDigest.All)}.", [nameof(WebhookDigestAlg)]);
        }

        foreach (var url in WebhookUrls().Where(url => !url.StartsWith('/') && !Uri.TryCreate(url, UriKind.Absolute, out _)))
        {
            yield return new ValidationResult($"WebhookUrl '{url}' is neither an absolute URL nor a path.", [nameof(WebhookUrl)]);
        }
    }
}
