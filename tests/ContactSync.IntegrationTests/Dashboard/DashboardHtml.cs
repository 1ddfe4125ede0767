using System.Net;
using System.Text.RegularExpressions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>Reading the dashboard's pages as a person does: their visible text, the token an action's form carries, the links.</summary>
public static partial class DashboardHtml
{
    /// <summary>A page's visible text, tags and styles removed, whitespace collapsed.</summary>
    public static string Text(string html)
        => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<style>.*?</style>", " ", RegexOptions.Singleline), "<[^>]+>", " ")), @"\s+", " ");

    /// <summary>The antiforgery token of the page's first action form.</summary>
    public static string Token(string page) => WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);

    /// <summary>The id of the Hangfire job a run's page links to, or "" when it links to none.</summary>
    public static string HangfireJob(string page) => JobLink().Match(page).Groups[1].Value;

    [GeneratedRegex(@"/hangfire/jobs/details/(\d+)")]
    private static partial Regex JobLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
