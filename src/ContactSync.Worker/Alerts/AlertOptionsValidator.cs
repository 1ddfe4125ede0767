using ContactSync.Core.Alerts;
using ContactSync.Core.Configuration;
using ContactSync.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Alerts;

/// <summary>
/// The <c>Alerts</c> section at start, one line per problem naming the key. URLs and the secret are never echoed:
/// a Slack webhook's URL is itself a credential.
/// </summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var hasWebhook = IsSet(options.WebhookUrl);

        CheckUrl(problems, nameof(AlertOptions.WebhookUrl), options.WebhookUrl);
        CheckUrl(problems, nameof(AlertOptions.SlackWebhookUrl), options.SlackWebhookUrl);

        if (Placeholder.IsIn(options.WebhookSecret))
        {
            problems.Add(Describe(nameof(AlertOptions.WebhookSecret), Placeholder.Problem));
        }
        else if (hasWebhook && !IsSet(options.WebhookSecret))
        {
            problems.Add(Describe(nameof(AlertOptions.WebhookSecret), "is required when Alerts:WebhookUrl is set (receivers verify the signature with it)"));
        }
        else if (IsSet(options.WebhookSecret) && options.WebhookSecret!.Length < MinimumSecretLength)
        {
            problems.Add(Describe(nameof(AlertOptions.WebhookSecret), $"must be at least {MinimumSecretLength} characters"));
        }
        else if (IsSet(options.WebhookSecret) && !hasWebhook)
        {
            problems.Add(Describe(nameof(AlertOptions.WebhookSecret), "is set but Alerts:WebhookUrl is not (is its key misspelt?)"));
        }

        if (options.IsEnabled && !IsSet(options.DashboardUrl))
        {
            problems.Add(Describe(nameof(AlertOptions.DashboardUrl), "is required when alerts are on: every alert links to the dashboard (e.g. https://contactsync.example.com)"));
        }
        else if (IsSet(options.DashboardUrl) && !IsDashboardUrl(options.DashboardUrl!))
        {
            problems.Add(Describe(nameof(AlertOptions.DashboardUrl), "must be an absolute http(s) URL without a query or fragment, such as https://contactsync.example.com"));
        }

        if (!(options.RejectedShareThreshold is > 0 and <= 1))
        {
            problems.Add(Describe(nameof(AlertOptions.RejectedShareThreshold), "must be greater than 0 and at most 1 (a share of the run's records, e.g. 0.1)"));
        }

        if (!(options.OverdueGrace is > 1 and <= 100))
        {
            problems.Add(Describe(nameof(AlertOptions.OverdueGrace), "must be greater than 1 and at most 100 (schedule intervals, e.g. 2)"));
        }

        CheckRange(problems, nameof(AlertOptions.EvaluateEvery), options.EvaluateEvery, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        CheckRange(problems, nameof(AlertOptions.RetryDelay), options.RetryDelay, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        CheckRange(problems, nameof(AlertOptions.MaxRetryDelay), options.MaxRetryDelay, options.RetryDelay, TimeSpan.FromDays(1));
        CheckRange(problems, nameof(AlertOptions.GiveUpAfter), options.GiveUpAfter, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        CheckRange(problems, nameof(AlertOptions.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        if (options.MaxAttempts is < 1 or > 10_000)
        {
            problems.Add(Describe(nameof(AlertOptions.MaxAttempts), "must be between 1 and 10000"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckUrl(List<string> problems, string property, string? value)
    {
        if (Placeholder.IsIn(value))
        {
            problems.Add(Describe(property, Placeholder.Problem));
        }
        else if (IsSet(value) && !IsHttpUrl(value!))
        {
            problems.Add(Describe(property, "must be an absolute http(s) URL"));
        }
    }

    private static void CheckRange(List<string> problems, string property, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            problems.Add(Describe(property, $"must be between {min:c} and {max:c}"));
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    private static bool IsDashboardUrl(string value) =>
        IsHttpUrl(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    private static string Describe(string property, string problem) =>
        ConfigurationKey.Describe(ConfigurationKey.Join(AlertOptions.SectionName, property), problem);
}
