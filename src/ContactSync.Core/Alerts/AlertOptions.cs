namespace ContactSync.Core.Alerts;

/// <summary>
/// The <c>Alerts</c> section: where alerts go and what counts as bad. With neither <see cref="WebhookUrl"/> nor
/// <see cref="SlackWebhookUrl"/> the feature is off. Checked at start by the worker's validator.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Receives each alert as signed JSON (see <see cref="WebhookSignature"/>).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC-SHA256 key the webhook's body is signed with; required with <see cref="WebhookUrl"/>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A Slack incoming webhook. Its URL is itself the credential: only its host is ever logged.</summary>
    public string? SlackWebhookUrl { get; set; }

    /// <summary>Where operators open the dashboard (e.g. <c>https://contactsync.example.com</c>): the base of every link.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The latest run's rejected records over its total above this share is bad; in (0, 1].</summary>
    public double RejectedShareThreshold { get; set; } = 0.1;

    /// <summary>
    /// A source is overdue when nothing has finished (OverdueGrace - 1) schedule intervals after the first run its
    /// schedule set after its last finished one: with 2, about two intervals since that last run. Greater than 1.
    /// </summary>
    public double OverdueGrace { get; set; } = 2.0;

    /// <summary>How often every condition is evaluated besides after each run (for overdue sources and the budget).</summary>
    public TimeSpan EvaluateEvery { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait after a first failed delivery; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Deliveries tried before an alert is given up on (dead).</summary>
    public int MaxAttempts { get; set; } = 100;

    /// <summary>An alert not delivered this long after it was raised is given up on (dead): it would only be stale news.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>One delivery attempt, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(WebhookUrl) || !string.IsNullOrWhiteSpace(SlackWebhookUrl);

    /// <summary>The targets alerts are sent to, in the order they are written to the outbox.</summary>
    public IReadOnlyList<AlertTarget> Targets =>
    [
        .. string.IsNullOrWhiteSpace(WebhookUrl) ? [] : new[] { AlertTarget.Webhook },
        .. string.IsNullOrWhiteSpace(SlackWebhookUrl) ? [] : new[] { AlertTarget.Slack },
    ];
}
