using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ContactSync.BrowserTests.Browser;

/// <summary>
/// One person's browser: a fresh context (no cookies, its own login or none) with one tab. It remembers every console
/// error and uncaught script error the pages raise, and checks every screenshot's page for personal data.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly Screenshots _screenshots;
    private readonly IReadOnlyList<string> _personalData;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _errors = [];

    private BrowserSession(IBrowserContext context, IPage page, Screenshots screenshots, IReadOnlyList<string> personalData, ITestOutputHelper output)
    {
        _context = context;
        Page = page;
        _screenshots = screenshots;
        _personalData = personalData;
        _output = output;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"script error on {page.Url}: {error}");
    }

    public IPage Page { get; }

    /// <summary>Console and script errors so far, in order.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <param name="credentials">Sent when the server asks (401 with a Basic challenge), as a browser's login prompt would; null: nobody.</param>
    public static async Task<BrowserSession> OpenAsync(
        IBrowser browser, Uri baseUrl, HttpCredentials? credentials, Screenshots screenshots, IReadOnlyList<string> personalData, ITestOutputHelper output)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            HttpCredentials = credentials,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        // Every wait is bounded well inside the test's budget; a missing element fails in seconds, not minutes.
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, screenshots, personalData, output);
    }

    /// <summary>
    /// A full-page screenshot of what the tab shows now, after checking that neither the page's markup, its title nor
    /// its address holds any of the source's personal data. Returns its path, which the test output lists.
    /// <paramref name="payloadShown"/>: a record's page as an operator sees it, whose payload is personal by design;
    /// its title and address are still checked, and the rest of its markup with the payload taken out.
    /// </summary>
    public async Task<string> CaptureAsync(string name, bool payloadShown = false)
    {
        var markup = await Page.ContentAsync();
        if (payloadShown)
        {
            markup = System.Text.RegularExpressions.Regex.Replace(markup, "<table class=\"payload\">.*?</table>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        }

        var title = await Page.TitleAsync();
        var url = Uri.UnescapeDataString(Page.Url);
        var leaked = _personalData.Where(value => markup.Contains(value, StringComparison.OrdinalIgnoreCase)
                                                  || title.Contains(value, StringComparison.OrdinalIgnoreCase)
                                                  || url.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaked.Count == 0, $"{Page.Url} shows personal data: {string.Join(", ", leaked)}");

        var path = _screenshots.Next(name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"screenshot {path} ({Page.Url})");
        return path;
    }

    public void AssertNoErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, "The pages raised errors:\n" + string.Join('\n', errors));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
