using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContactSync.Core.Alerts;

/// <summary>An alert in Slack's incoming-webhook format, <c>{"text": …}</c>: the same facts as the webhook's body, in mrkdwn.</summary>
public static class SlackMessage
{
    private static readonly IReadOnlyDictionary<string, string> LinkLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["run"] = "the run",
        ["records"] = "the records",
        ["attention"] = "needs attention",
    };

    public static string Body(AlertEvent alert) => JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = Text(alert) }, AlertEvent.Json);

    public static string Text(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = new StringBuilder();
        text.Append(alert.WentBad ? ":red_circle: *ContactSync: " : ":large_green_circle: *ContactSync recovered: ")
            .Append(Escape(AlertConditions.Title(alert.Condition)))
            .Append('*');
        if (alert.Source is { } source)
        {
            text.Append(" — source `").Append(Escape(source)).Append('`');
        }

        text.Append('\n').Append(Escape(alert.Summary));
        var counts = alert.Counts.Where(pair => pair.Value != 0).ToList();
        if (counts.Count > 0)
        {
            text.Append('\n').AppendJoin(", ", counts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{Escape(pair.Key)} {pair.Value}")));
        }

        if (alert.Links.Count > 0)
        {
            text.Append('\n').AppendJoin(" · ", alert.Links.Select(pair => $"<{pair.Value}|{Escape(LinkLabels.GetValueOrDefault(pair.Key, pair.Key))}>"));
        }

        return text.ToString();
    }

    // Slack's mrkdwn reserves these three; everything else is shown as written.
    private static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
