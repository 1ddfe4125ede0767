using System.Globalization;
using System.Net;
using Npgsql;
using Refit;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>A person in a company's structure with the key-contact roles they hold there, and their own applicant if they have one.</summary>
internal sealed record SumsubPerson(string Key, IReadOnlySet<string> Types, string? ApplicantId, SumsubApplicant? Applicant);

/// <summary>What Sumsub holds of one company: its applicant and the people it names.</summary>
internal sealed record SumsubCompany(SumsubApplicant Applicant, IReadOnlyList<SumsubPerson> People);

/// <summary>
/// Reads a company from Sumsub: its applicant by external user id (the company's reference), the beneficiaries of
/// both KYB shapes, and the own applicant of each beneficiary whose type is a key contact (only those, and only on a
/// company whose own review is approved: a company's shareholders, or a company under review, cost no more calls). A refused app token or signature stops the source; a company Sumsub does not know, or
/// cannot serve, is unreadable on its own.
/// </summary>
internal sealed class SumsubClient : IDisposable
{
    /// <summary>The named HttpClient every Sumsub source's client is made from (see <c>SourceRegistration</c>).</summary>
    public const string HttpClientName = "ContactSync.Sources.Sumsub";
    internal const long MaxResponseBytes = 8 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly ISumsubApi _api;
    private readonly IReadOnlySet<string> _mappedTypes;

    /// <param name="clients">Makes the HttpClient: its handlers (retry, budget, signature, attempt timeout and size limit) are shared by every Sumsub source; this source's token, key and budget are its own (<see cref="SumsubCall"/>).</param>
    public SumsubClient(SumsubSourceOptions options, IReadOnlySet<string> mappedTypes, NpgsqlDataSource dataSource, TimeProvider time, IHttpClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        Budget = new SourceBudget(dataSource, time, "sumsub", options.BaseUrl, options.AppToken, options.RequestsPerWindow, options.Window, TimeSpan.FromSeconds(1));
        _http = clients.CreateClient(HttpClientName);
        _http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        _api = RestService.For<ISumsubApi>(_http);
        _api.Call = new SumsubCall(options.AttemptTimeout, Budget, options.AppToken, options.SecretKey, time);
        _mappedTypes = mappedTypes;
    }

    public SourceBudget Budget { get; }

    /// <summary>Requests sent, for a run's figures.</summary>
    public int Requests { get; private set; }

    public async Task<CompanyAnswer<SumsubCompany>> ReadCompanyAsync(string company, CancellationToken cancellationToken)
    {
        var (applicant, failure) = await CallAsync(company, "its company applicant", ct => _api.GetApplicantByExternalIdAsync(company, ct), cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!string.Equals(applicant!.Type, "company", StringComparison.OrdinalIgnoreCase))
        {
            return new CompanyAnswer<SumsubCompany>.Unreadable($"company {company}: its Sumsub applicant is not a company applicant", Failing: false);
        }

        var people = new List<SumsubPerson>();
        if (SumsubVerification.Of(applicant.Review).Verified != Verified.Approved)
        {
            // A company not approved yields nobody: its people's applicants would cost calls for nothing.
            return new CompanyAnswer<SumsubCompany>.Read(new SumsubCompany(applicant, people));
        }

        foreach (var person in Beneficiaries(applicant).Where(person => person.Types.Overlaps(_mappedTypes)))
        {
            if (person.ApplicantId is null)
            {
                people.Add(person);
                continue;
            }

            var (own, personFailure) = await CallAsync(company, "a beneficiary's applicant", ct => _api.GetApplicantAsync(person.ApplicantId, ct), cancellationToken);
            if (personFailure is { Failing: true })
            {
                return personFailure;
            }

            // A beneficiary whose applicant cannot be had (deleted, or an answer that is no applicant) is not verified:
            // nothing is written for them, and they are not gone either.
            people.Add(person with { Applicant = own });
        }

        return new CompanyAnswer<SumsubCompany>.Read(new SumsubCompany(applicant, people));
    }

    /// <summary>
    /// The company's people, once each: KYB 2.0's <c>fixedInfo</c> and KYB 1.0's (or the extracted) <c>info</c> both
    /// read, a person found in both with the roles of both. Roles are the beneficiary's <c>types</c>, or its
    /// <c>positions</c> and <c>type</c>, lower-cased.
    /// </summary>
    internal static IReadOnlyList<SumsubPerson> Beneficiaries(SumsubApplicant company)
    {
        var people = new Dictionary<string, (HashSet<string> Types, string? ApplicantId)>(StringComparer.Ordinal);
        var all = (company.FixedInfo?.CompanyInfo?.Beneficiaries ?? []).Concat(company.Info?.CompanyInfo?.Beneficiaries ?? []);
        var position = 0;
        foreach (var beneficiary in all)
        {
            position++;
            var applicantId = string.IsNullOrWhiteSpace(beneficiary?.ApplicantId) ? null : beneficiary.ApplicantId.Trim();
            var key = applicantId ?? (string.IsNullOrWhiteSpace(beneficiary?.Id) ? "#" + position.ToString(CultureInfo.InvariantCulture) : "beneficiary:" + beneficiary.Id.Trim());
            var types = (beneficiary?.Types ?? []).Concat(beneficiary?.Positions ?? []).Append(beneficiary?.Type)
                .Where(type => !string.IsNullOrWhiteSpace(type)).Select(type => type!.Trim().ToLowerInvariant());
            if (!people.TryGetValue(key, out var person))
            {
                person = (new HashSet<string>(StringComparer.Ordinal), applicantId);
                people[key] = person;
            }

            person.Types.UnionWith(types);
        }

        return [.. people.Select(pair => new SumsubPerson(pair.Key, pair.Value.Types, pair.Value.ApplicantId, null))];
    }

    private async Task<(SumsubApplicant? Value, CompanyAnswer<SumsubCompany>.Unreadable? Failure)> CallAsync(
        string company, string what, Func<CancellationToken, Task<IApiResponse<SumsubApplicant>>> call, CancellationToken cancellationToken)
    {
        Requests++;
        IApiResponse<SumsubApplicant> response;
        try
        {
            response = await call(cancellationToken);
        }
        catch (SourceAnswerTooLargeException e)
        {
            return (null, new CompanyAnswer<SumsubCompany>.Unreadable($"company {company}: {e.Message}", Failing: false));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return (null, new CompanyAnswer<SumsubCompany>.Unreadable($"company {company}: Sumsub could not be reached for {what} ({e.GetType().Name})", Failing: true));
        }

        using (response)
        {
            var status = response.StatusCode;
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SourceConfigurationException(
                    $"Sumsub refused the request ({(int?)status}): check the source's AppToken and SecretKey (a sandbox token, sbx:…, reads only sandbox data), and that the token may view applicants");
            }

            if (status == HttpStatusCode.NotFound)
            {
                return (null, new CompanyAnswer<SumsubCompany>.Unreadable($"company {company}: Sumsub has no such applicant for {what} (404)", Failing: false));
            }

            if (response.IsSuccessStatusCode && (response.Error is not null || response.Content is null))
            {
                return (null, new CompanyAnswer<SumsubCompany>.Unreadable($"company {company}: Sumsub's answer for {what} is not an applicant ContactSync can read", Failing: false));
            }

            if (!response.IsSuccessStatusCode)
            {
                var code = (int?)status ?? 0;
                var failing = code is 429 or >= 500 or 0;
                return (null, new CompanyAnswer<SumsubCompany>.Unreadable(string.Create(CultureInfo.InvariantCulture,
                    $"company {company}: Sumsub answered {code} for {what}{(failing ? " after retries" : "")}"), failing));
            }

            return (response.Content, null);
        }
    }

    public void Dispose() => _http.Dispose();
}
