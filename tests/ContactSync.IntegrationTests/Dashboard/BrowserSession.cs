using System.Net;
using System.Text.RegularExpressions;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// What a browser does with the dashboards, over HTTP: keeps cookies, follows redirects, fills in the provider's login
/// form. Cookies are kept per host, not per port, as browsers do: the worker's and the provider's share a jar.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public BrowserSession(Uri baseAddress)
    {
        Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public HttpClient Http { get; }

    public CookieCollection Cookies => _cookies.GetAllCookies();

    /// <summary>Opens a dashboard page, signs in on the provider's form it is sent to, and returns the page it ends on.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string path, string username, string password)
    {
        using var login = await Http.GetAsync(path);
        var form = await login.Content.ReadAsStringAsync();
        Assert.True(login.StatusCode == HttpStatusCode.OK && form.Contains("Sandbox sign-in", StringComparison.Ordinal),
            $"{path} did not lead to the provider's login form: {(int)login.StatusCode} at {login.RequestMessage?.RequestUri}\n{form}");

        return await SubmitAsync(login.RequestMessage!.RequestUri!, form, ("username", username), ("password", password));
    }

    /// <summary>Posts the page's (first) form with its hidden fields and these.</summary>
    public Task<HttpResponseMessage> SubmitAsync(Uri page, string html, params (string Name, string Value)[] typed)
    {
        var form = FormAction().Match(html);
        Assert.True(form.Success, $"No form on {page}:\n{html}");
        var action = new Uri(page, WebUtility.HtmlDecode(form.Groups["action"].Value));
        var fields = HiddenField().Matches(html)
            .Select(match => KeyValuePair.Create(WebUtility.HtmlDecode(match.Groups["name"].Value), WebUtility.HtmlDecode(match.Groups["value"].Value)))
            .Concat(typed.Select(field => KeyValuePair.Create(field.Name, field.Value)));
        return Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery request token Hangfire's pages carry, good for any form of the dashboards.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var page = await Http.GetStringAsync("hangfire");
        var token = CsrfMeta().Match(page);
        Assert.True(token.Success, "Hangfire's page carries no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups["token"].Value);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"(?<token>[^\"]*)\"")]
    private static partial Regex CsrfMeta();
}
