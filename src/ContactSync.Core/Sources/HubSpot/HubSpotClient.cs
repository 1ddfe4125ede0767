using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSync.Core.Paging;
using Refit;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>
/// HubSpot's CRM, read with the bearer token: paced under HubSpot's limits, retried as HubSpot documents (see
/// <see cref="HubSpotRetry"/>). What no retry can mend stops the read: a refused token or scope as misconfigured, the
/// daily limit as budget-exhausted, anything else as the source being unavailable.
/// </summary>
internal sealed class HubSpotClient : IDisposable
{
    internal const long MaxResponseBytes = 16 * 1024 * 1024;

    // An association batch read takes up to 1,000 ids; a company batch read 100.
    private const int AssociationBatch = 1000;
    private const int CompanyBatch = 100;
    private const int MaxAssociationPages = 100;

    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    }));

    /// <summary>The named HttpClient every HubSpot source's client is made from (see <c>SourceRegistration</c>).</summary>
    public const string HttpClientName = "ContactSync.Sources.HubSpot";

    private readonly HttpClient _http;
    private readonly IHubSpotApi _api;
    private readonly HubSpotCall _call;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _accountZone;

    /// <param name="clients">Makes the HttpClient: its handlers (retry, pacing, attempt timeout and size limit) and connection pool are shared by every HubSpot source; this source's settings and pacing are its own (<see cref="HubSpotCall"/>).</param>
    public HubSpotClient(HubSpotSourceOptions options, TimeProvider time, IHttpClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        _time = time;
        _accountZone = TimeZoneInfo.FindSystemTimeZoneById(options.AccountTimeZone);
        _call = new HubSpotCall(options.AttemptTimeout, options.RequestsPerSecond, options.SearchesPerSecond);
        _http = clients.CreateClient(HttpClientName);
        _http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        _api = RestService.For<IHubSpotApi>(_http, Settings);
        _api.Call = _call;
    }

    public HubSpotCalls Calls => _call.Calls;

    public Task<CrmPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
        => CallAsync("a contact search", ct => _api.SearchContactsAsync(request, ct), cancellationToken);

    /// <summary>A page of the contact list, with HubSpot's own time of the answer (its Date header), when it gave one.</summary>
    public Task<(CrmPage Page, DateTimeOffset? At)> ListAsync(int limit, string? after, string[] properties, CancellationToken cancellationToken)
        => CallDatedAsync("the contact list", ct => _api.ListContactsAsync(limit, after, properties, "false", ct), cancellationToken);

    /// <summary>
    /// The companies of each contact, with every association type on each pair. A contact HubSpot reports no
    /// association for has none; one it reports another error for is in <see cref="ContactCompanies.Unreadable"/>.
    /// </summary>
    public async Task<ContactCompanies> AssociationsAsync(IReadOnlyList<string> contactIds, CancellationToken cancellationToken)
    {
        var companies = new Dictionary<string, List<AssociatedObject>>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in contactIds.Chunk(AssociationBatch))
        {
            var batch = await CallAsync(
                "the contacts' companies",
                ct => _api.ReadAssociationsAsync(new BatchInput([.. chunk.Select(id => new BatchId(id))]), ct),
                cancellationToken);
            foreach (var result in batch.Results ?? [])
            {
                var to = result.To ?? [];
                if (result.Paging?.Next?.After is { } after)
                {
                    to = [.. to, .. await MoreAssociationsAsync(result.From.Id, after, cancellationToken)];
                }

                companies[result.From.Id] = to;
            }

            foreach (var error in batch.Errors ?? [])
            {
                // HubSpot reports a contact with no company as an error of its own; anything else leaves the contact unknown.
                var none = error.Category is "OBJECT_NOT_FOUND" || error.SubCategory?.Contains("NO_ASSOCIATIONS_FOUND", StringComparison.OrdinalIgnoreCase) == true;
                foreach (var id in ErrorIds(error, chunk))
                {
                    if (none)
                    {
                        companies.TryAdd(id, []);
                    }
                    else if (!companies.ContainsKey(id))
                    {
                        unreadable.Add(id);
                    }
                }
            }
        }

        return new ContactCompanies(companies, unreadable);
    }

    /// <summary>One property of each company (its reference for contract resolution); a company HubSpot does not return is left out.</summary>
    public async Task<Dictionary<string, string?>> CompanyPropertyAsync(IReadOnlyCollection<string> companyIds, string property, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chunk in companyIds.Chunk(CompanyBatch))
        {
            var batch = await CallAsync(
                "the companies",
                ct => _api.ReadCompaniesAsync(new BatchInput([.. chunk.Select(id => new BatchId(id))], [property]), ct),
                cancellationToken);
            foreach (var company in batch.Results ?? [])
            {
                values[company.Id] = company.Property(property);
            }
        }

        return values;
    }

    private async Task<List<AssociatedObject>> MoreAssociationsAsync(string contactId, string after, CancellationToken cancellationToken)
    {
        var more = new List<AssociatedObject>();
        var progress = new PageProgress("HubSpot", "a contact's companies", MaxAssociationPages);
        string? next = after;
        while (next is not null)
        {
            var cursor = next;
            var answer = await CallAsync("a contact's companies", ct => _api.ListAssociationsAsync(contactId, 500, cursor, ct), cancellationToken);
            var results = answer.Results ?? [];
            more.AddRange(results);
            next = answer.Paging?.Next?.After;
            if (next is not null)
            {
                progress.ReadOn(next, results.Select(company => company.ToObjectId.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return more;
    }

    // The ids an error is about: its context's, or failing that every id of the batch its message names.
    private static IEnumerable<string> ErrorIds(BatchError error, string[] chunk)
    {
        var fromContext = (error.Context ?? []).Values.SelectMany(ids => ids).Where(chunk.Contains).ToList();
        return fromContext.Count > 0 ? fromContext : chunk.Where(id => error.Message?.Contains(id, StringComparison.Ordinal) == true);
    }

    private async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<IApiResponse<T>>> call, CancellationToken cancellationToken)
        where T : class
        => (await CallDatedAsync(what, call, cancellationToken)).Content;

    private async Task<(T Content, DateTimeOffset? At)> CallDatedAsync<T>(
        string what, Func<CancellationToken, Task<IApiResponse<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        IApiResponse<T> response;
        try
        {
            response = await call(cancellationToken);
        }
        catch (SourceAnswerTooLargeException e)
        {
            throw new SourceUnavailableException($"HubSpot's answer for {what} was too large ({e.Message}); the run stops and nothing is removed", e);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceUnavailableException($"HubSpot could not be reached for {what} after retries ({e.GetType().Name}); the run stops and nothing is removed", e);
        }

        using (response)
        {
            var status = (int?)response.StatusCode ?? 0;
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized:
                    throw new SourceConfigurationException(
                        "HubSpot refused the access token (401): check the source's AccessToken (a private-app token or a service key; a token whose creator left the account stops working)");
                case HttpStatusCode.Forbidden:
                    throw new SourceConfigurationException(string.Create(CultureInfo.InvariantCulture,
                        $"HubSpot refused {what} (403): the access token needs the scopes crm.objects.contacts.read and crm.objects.companies.read"));
                case HttpStatusCode.TooManyRequests when HubSpotLimits.Of((response.Error as ApiException)?.Content) == HubSpotLimit.Daily:
                    var resets = NextMidnight(response.Headers?.Date);
                    throw new SourceBudgetExhaustedException(string.Create(CultureInfo.InvariantCulture,
                        $"HubSpot's daily API limit is spent (429 DAILY); the source is not read again before it resets at {resets:yyyy-MM-dd HH:mm} UTC (midnight in {_accountZone.Id}); the next run reads on from where the last one that ended got to."),
                        resets);
            }

            if (!response.IsSuccessStatusCode || response.Content is null)
            {
                throw new SourceUnavailableException(string.Create(CultureInfo.InvariantCulture,
                    $"HubSpot answered {status} for {what}{(HubSpotRetryable(status) ? " after retries" : "")}; the run stops and nothing is removed"));
            }

            return (response.Content, response.Headers.Date);
        }
    }

    private static bool HubSpotRetryable(int status) => status is 429 or 423 or 477 or >= 500;

    /// <summary>
    /// The next midnight in the account's time zone, when HubSpot's daily count starts again, by HubSpot's clock (the
    /// answer's Date) when it gave one.
    /// </summary>
    private DateTimeOffset NextMidnight(DateTimeOffset? answeredAt)
    {
        var local = TimeZoneInfo.ConvertTime(answeredAt ?? _time.GetUtcNow(), _accountZone);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified).AddDays(1);
        return new DateTimeOffset(midnight, _accountZone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    // The handlers are not disposed with it: the HttpClient factory owns them and the connection pool they share.
    public void Dispose() => _http.Dispose();
}

/// <summary>Each contact's companies (id → associations); contacts whose companies HubSpot would not give.</summary>
internal sealed record ContactCompanies(IReadOnlyDictionary<string, List<AssociatedObject>> Companies, IReadOnlySet<string> Unreadable);
