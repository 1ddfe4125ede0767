using ContactSync.Sandbox.Admin;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>The request limits in force: per token, GETs and other requests each per window.</summary>
internal sealed record SumsubLimitSettings(int GetsPerWindow, int PostsPerWindow, int WindowSeconds, bool SendRetryAfter);

/// <summary>Where webhooks go and how: targets, secret, digest algorithm, timeout and the waits before each resend.</summary>
internal sealed record SumsubWebhookSettings(
    IReadOnlyList<string> Urls, string Secret, string DigestAlg, double TimeoutSeconds, IReadOnlyList<double> RetryDelaysSeconds);

/// <summary>
/// The limits and webhook settings now in force: the options at start, changed by admin calls (tests lower a limit or
/// point webhooks at a receiver without restarting), and back to the options on reset.
/// </summary>
internal sealed class SumsubSettings : ISandboxState
{
    private readonly Lock _gate = new();
    private readonly IOptionsMonitor<SumsubOptions> _options;
    private SumsubLimitSettings _limits = null!;
    private SumsubWebhookSettings _webhooks = null!;

    public SumsubSettings(IOptionsMonitor<SumsubOptions> options)
    {
        _options = options;
        Reset();
    }

    public SumsubLimitSettings Limits
    {
        get
        {
            lock (_gate)
            {
                return _limits;
            }
        }

        set
        {
            lock (_gate)
            {
                _limits = value;
            }
        }
    }

    public SumsubWebhookSettings Webhooks
    {
        get
        {
            lock (_gate)
            {
                return _webhooks;
            }
        }

        set
        {
            lock (_gate)
            {
                _webhooks = value;
            }
        }
    }

    public void Reset()
    {
        var options = _options.CurrentValue;
        lock (_gate)
        {
            _limits = new SumsubLimitSettings(options.GetsPerWindow, options.PostsPerWindow, options.WindowSeconds, options.SendRetryAfter);
            _webhooks = new SumsubWebhookSettings(
                options.WebhookUrls(), options.WebhookSecret, options.WebhookDigestAlg, options.WebhookTimeoutSeconds,
                [.. options.RetryDelays().Select(delay => delay.TotalSeconds)]);
        }
    }
}
