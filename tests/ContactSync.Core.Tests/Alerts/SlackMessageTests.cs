using System.Text.Json;
using ContactSync.Core.Alerts;

namespace ContactSync.Core.Tests.Alerts;

public sealed class SlackMessageTests
{
    private static readonly AlertEvent WentBad = new(
        Guid.Parse("0195d2a0-0000-7000-8000-000000000001"), AlertKinds.WentBad, AlertConditions.RejectedShare, "crm",
        "5 of 23 records (21.7%) in the latest run of crm were rejected, over the 10% threshold.",
        new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), null,
        new Dictionary<string, long> { ["total"] = 23, ["created"] = 0, ["rejected"] = 5 },
        new Dictionary<string, string>
        {
            ["run"] = "https://contactsync.example.com/contactsync/runs/0195d2a0-0000-7000-8000-000000000002",
            ["records"] = "https://contactsync.example.com/contactsync/records?source=crm&status=rejected",
        });

    [Fact]
    public void An_alert_reads_as_one_text_with_its_condition_source_summary_counts_and_links()
    {
        Assert.Equal(
            ":red_circle: *ContactSync: rejected share over threshold* — source `crm`\n" +
            "5 of 23 records (21.7%) in the latest run of crm were rejected, over the 10% threshold.\n" +
            "total 23, rejected 5\n" +
            "<https://contactsync.example.com/contactsync/runs/0195d2a0-0000-7000-8000-000000000002|the run> · " +
            "<https://contactsync.example.com/contactsync/records?source=crm&status=rejected|the records>",
            SlackMessage.Text(WentBad));
    }

    [Fact]
    public void A_recovery_and_an_account_wide_alert_say_so()
    {
        var recovered = WentBad with { Kind = AlertKinds.Recovered, Condition = AlertConditions.BudgetSpent, Source = null, Summary = "Free <again> & well." };

        var text = SlackMessage.Text(recovered);

        Assert.StartsWith(":large_green_circle: *ContactSync recovered: Nexudus daily budget spent*\n", text, StringComparison.Ordinal);
        Assert.Contains("Free &lt;again&gt; &amp; well.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("source `", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_body_is_Slacks_incoming_webhook_shape()
    {
        using var body = JsonDocument.Parse(SlackMessage.Body(WentBad));

        Assert.Equal(SlackMessage.Text(WentBad), body.RootElement.GetProperty("text").GetString());
        Assert.Single(body.RootElement.EnumerateObject());
        Assert.Contains("source=crm&status=rejected|the records>", SlackMessage.Body(WentBad), StringComparison.Ordinal);
    }
}
