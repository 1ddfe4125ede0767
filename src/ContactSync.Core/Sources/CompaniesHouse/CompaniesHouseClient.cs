using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ContactSync.Core.Paging;
using Npgsql;
using Refit;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>What the register holds of one company: its profile and its officers.</summary>
internal sealed record RegisterCompany(CompanyProfile Profile, IReadOnlyList<Officer> Officers);

/// <summary>
/// Reads a company from the register: its profile, then every page of officers by <c>start_index</c>, counting the
/// items that came back (the counts in the envelope are informational). Credentials the register refuses stop the
/// source; a company it does not know, or cannot serve, is unreadable on its own. An officer list that gets nowhere
/// (<see cref="PageProgress"/>) stops the source too: it is the register misbehaving, not the company, and every other
/// company would cost the same wasted pages.
/// </summary>
internal sealed class CompaniesHouseClient : IDisposable
{
    /// <summary>The named HttpClient every register source's client is made from (see <c>SourceRegistration</c>).</summary>
    public const string HttpClientName = "ContactSync.Sources.CompaniesHouse";
    internal const long MaxResponseBytes = 8 * 1024 * 1024;
    // The ceiling on one company's officer pages while the register has not counted them (see PageProgress).
    private const int MaxPages = 200;

    private readonly HttpClient _http;
    private readonly ICompaniesHouseApi _api;
    private readonly int _itemsPerPage;

    /// <param name="clients">Makes the HttpClient: its handlers (retry, budget, attempt timeout and size limit) and connection pool are shared by every register source; this source's settings and budget are its own (<see cref="RegisterCall"/>).</param>
    public CompaniesHouseClient(CompaniesHouseSourceOptions options, NpgsqlDataSource dataSource, TimeProvider time, IHttpClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        Budget = new SourceBudget(dataSource, time, "register", options.BaseUrl, options.ApiKey, options.RequestsPerWindow, options.Window, RegisterCall.Guard);
        _http = clients.CreateClient(HttpClientName);
        _http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

        // Basic auth: the key is the user name and the password is empty; the colon is required.
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey + ":")));
        _api = RestService.For<ICompaniesHouseApi>(_http);
        _api.Call = new RegisterCall(options.AttemptTimeout, Budget);
        _itemsPerPage = options.ItemsPerPage;
    }

    public SourceBudget Budget { get; }

    /// <summary>Requests sent, for a run's figures.</summary>
    public int Requests { get; private set; }

    public async Task<CompanyAnswer<RegisterCompany>> ReadCompanyAsync(string company, CancellationToken cancellationToken)
    {
        var (profile, failure) = await CallAsync(company, "profile", ct => _api.GetCompanyAsync(company, ct), cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var officers = new List<Officer>();
        var progress = new PageProgress("Companies House", "a company's officers", MaxPages);
        var start = 0;
        while (true)
        {
            var (list, pageFailure) = await CallAsync(company, "officers", ct => _api.ListOfficersAsync(company, _itemsPerPage, start, ct), cancellationToken);
            if (pageFailure is not null)
            {
                return pageFailure;
            }

            var items = list!.Items ?? [];
            officers.AddRange(items);
            start += items.Count;
            var total = list.TotalResults ?? start;
            progress.Expect(list.TotalResults, Math.Max(1, Math.Min(_itemsPerPage, list.ItemsPerPage ?? _itemsPerPage)));
            // Every page is checked, the last too: a page served again counts towards the total as if it were new.
            // The start_index the register says it served is the position: one that does not advance is the first page again.
            progress.ReadOn(list.StartIndex?.ToString(CultureInfo.InvariantCulture), items.Select(OfficerKey));
            if (start >= total)
            {
                // An officer listed twice stands for one the count promised and the list never served: a short list
                // would make Mirror remove people.
                return officers.Select(OfficerKey).Distinct(StringComparer.Ordinal).Count() == officers.Count
                    ? new CompanyAnswer<RegisterCompany>.Read(new RegisterCompany(profile!, officers))
                    : new CompanyAnswer<RegisterCompany>.Unreadable($"company {company}: the register listed some of its officers twice", Failing: false);
            }

            if (items.Count == 0)
            {
                // Fewer officers than it counts, and no more coming: a short list would make Mirror remove people.
                return new CompanyAnswer<RegisterCompany>.Unreadable(string.Create(CultureInfo.InvariantCulture,
                    $"company {company}: the register listed {start} of the {total} officers it counts"), Failing: false);
            }

        }
    }

    // An appointment's own link names it; without one, what the register says of the appointment has to do (held in
    // memory for the read only, never logged).
    private static string OfficerKey(Officer officer)
        => officer.Links?.Self ?? string.Join('|', officer.Name, officer.OfficerRole, officer.AppointedOn, officer.AppointedBefore, officer.ResignedOn);

    private async Task<(T? Value, CompanyAnswer<RegisterCompany>.Unreadable? Failure)> CallAsync<T>(
        string company, string what, Func<CancellationToken, Task<IApiResponse<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        Requests++;
        IApiResponse<T> response;
        try
        {
            response = await call(cancellationToken);
        }
        catch (SourceAnswerTooLargeException e)
        {
            return (null, new CompanyAnswer<RegisterCompany>.Unreadable($"company {company}: {e.Message}", Failing: false));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return (null, new CompanyAnswer<RegisterCompany>.Unreadable($"company {company}: the register's {what} could not be read ({e.GetType().Name})", Failing: true));
        }

        using (response)
        {
            var status = response.StatusCode;
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SourceConfigurationException(
                    $"Companies House refused the API key ({(int?)status}): check the source's ApiKey (a REST key: a streaming key is refused here); a 403 can also mean this address is blocked");
            }

            if (status == HttpStatusCode.NotFound)
            {
                return (null, new CompanyAnswer<RegisterCompany>.Unreadable($"company {company} is not on the register (404)", Failing: false));
            }

            if (!response.IsSuccessStatusCode || response.Content is null)
            {
                var code = (int?)status ?? 0;
                var failing = code is 429 or >= 500 or 0;
                return (null, new CompanyAnswer<RegisterCompany>.Unreadable(string.Create(CultureInfo.InvariantCulture,
                    $"company {company}: the register answered {code} for its {what}{(failing ? " after retries" : "")}"), failing));
            }

            return (response.Content, null);
        }
    }

    public void Dispose() => _http.Dispose();
}
