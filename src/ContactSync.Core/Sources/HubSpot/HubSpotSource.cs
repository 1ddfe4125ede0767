using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>
/// HubSpot CRM as a source. A run reads either every contact (the first run, and then every
/// <see cref="HubSpotSourceOptions.CompleteReadEvery"/>: what catches what search misses, and the only read that proves
/// absence, so archived and merged contacts are removed by it), or, in between, the contacts modified since the
/// watermark, through search. The watermark moves only once a page's contacts are in the ledger
/// (<see cref="SourceCheckpoint"/>). Each page's companies and roles come from one association batch read, and the
/// companies' references from one company batch read when <see cref="HubSpotSourceOptions.CompanyRefProperty"/> is set.
/// </summary>
internal sealed partial class HubSpotSource(
    string name, HubSpotSourceOptions options, HubSpotClient client, StreamPositions positions, TimeProvider time, ILogger logger) : IContactSource
{
    // Where this source's reads got to, in stream_positions (epoch milliseconds).
    internal const string WatermarkKey = "hubspot:modified";
    internal const string CompleteReadKey = "hubspot:complete-read";
    internal const string DailyLimitKey = "hubspot:daily-limit";

    private readonly HubSpotRoles _roles = HubSpotRoles.From(options);

    private HubSpotClient Client { get; } = client;

    private StreamPositions Positions { get; } = positions;

    private HubSpotSourceOptions Options { get; } = options;

    public string Name { get; } = name;

    public async IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = time.GetUtcNow();
        if (await Positions.GetAsync(Name, DailyLimitKey, cancellationToken) is { } until && until > now.ToUnixTimeMilliseconds())
        {
            throw new SourceBudgetExhaustedException(string.Create(CultureInfo.InvariantCulture,
                $"HubSpot's daily API limit was spent; the source is not read before it resets at {DateTimeOffset.FromUnixTimeMilliseconds(until):yyyy-MM-dd HH:mm} UTC."),
                DateTimeOffset.FromUnixTimeMilliseconds(until));
        }

        var watermark = await Positions.GetAsync(Name, WatermarkKey, cancellationToken);
        var lastComplete = await Positions.GetAsync(Name, CompleteReadKey, cancellationToken);
        // A read of some companies (an operator's) reads everything and keeps what it covers; it remembers nothing.
        var remember = read.Scope.IsAll;
        var complete = !remember || watermark is null || lastComplete is null
                       || now - DateTimeOffset.FromUnixTimeMilliseconds(lastComplete.Value) >= Options.CompleteReadEvery;
        var reading = new Reading(this, cancellationToken);
        var entries = complete ? CompleteAsync(reading, now, remember) : ChangedSinceAsync(reading, watermark!.Value - (long)Options.Overlap.TotalMilliseconds);
        await foreach (var entry in entries)
        {
            yield return entry;
        }

        ReadContacts(logger, Name, complete ? "complete" : "incremental", reading.Contacts, Client.Calls.Requests - reading.RequestsBefore,
            Client.Calls.Searches - reading.SearchesBefore, Client.Calls.Throttled - reading.ThrottledBefore);
    }

    private async IAsyncEnumerable<SourceEntry> CompleteAsync(Reading reading, DateTimeOffset started, bool remember)
    {
        var properties = HubSpotMapping.Properties(Options, _roles);
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var cursor = after;
            var page = await reading.CallAsync(ct => Client.ListAsync(Options.PageSize, cursor, properties, ct));
            foreach (var entry in await reading.EntriesAsync(page.Results ?? []))
            {
                yield return entry;
            }

            after = page.Paging?.Next?.After;
            if (after is not null && !cursors.Add(after))
            {
                throw new SourceUnavailableException("HubSpot's contact list repeated a page; the run stops and nothing is removed");
            }
        }
        while (after is not null);

        if (remember)
        {
            // Everything modified before the read began is in it: the next incremental read starts there.
            var at = started.ToUnixTimeMilliseconds();
            yield return new SourceCheckpoint(async ct =>
            {
                await Positions.SaveAsync(Name, WatermarkKey, at, ct);
                await Positions.SaveAsync(Name, CompleteReadKey, at, ct);
            });
        }

        yield return new ReadCompleted();
    }

    /// <summary>
    /// Contacts modified at or after <paramref name="from"/>, oldest first, a page at a time. Before a query would page
    /// past HubSpot's result limit, a new one starts from the last modified date seen (ids already read are skipped);
    /// when more contacts than the limit share one modified date, they are read by id within that date.
    /// </summary>
    private async IAsyncEnumerable<SourceEntry> ChangedSinceAsync(Reading reading, long from)
    {
        var properties = HubSpotMapping.Properties(Options, _roles);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var query = SearchQuery.Since(from);
        string? after = null;
        while (true)
        {
            var request = query.Request(properties, Options.PageSize, after);
            var page = await reading.CallAsync(ct => Client.SearchAsync(request, ct));
            var results = page.Results ?? [];
            foreach (var entry in await reading.EntriesAsync([.. results.Where(contact => seen.Add(contact.Id))]))
            {
                yield return entry;
            }

            var last = results.Select(contact => HubSpotMapping.Millis(contact.Property(HubSpotMapping.ModifiedProperty))).Max();
            if (last is { } modified && query.Tie is null)
            {
                // Sorted oldest first: every contact modified before this one's date has been read.
                yield return new SourceCheckpoint(ct => Positions.SaveAsync(Name, WatermarkKey, modified, ct));
            }

            var next = page.Paging?.Next?.After;
            if (next is null)
            {
                if (query.Tie is { } tie)
                {
                    query = SearchQuery.Since(tie + 1);
                    after = null;
                    continue;
                }

                yield break;
            }

            if (!int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset + Options.PageSize <= Options.SearchResultLimit)
            {
                after = next;
                continue;
            }

            // The next page would pass the result limit: a new query from where this one got to.
            query = query.Tie is { } at
                ? SearchQuery.TiedAt(at, LastId(results, query.AfterId))
                : last is { } lastModified && lastModified > query.From
                    ? SearchQuery.Since(lastModified)
                    // A whole query's worth at one date, in no promised order: all of that date again, by id.
                    : SearchQuery.TiedAt(query.From, null);
            after = null;
        }
    }

    private static long? LastId(IEnumerable<CrmObject> contacts, long? floor)
        => contacts.Select(contact => long.TryParse(contact.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null).Append(floor).Max();

    /// <summary>One search query: modified at or after a date, oldest first; or, within one date, by id.</summary>
    private sealed record SearchQuery(long From, long? Tie, long? AfterId)
    {
        public static SearchQuery Since(long from) => new(from, null, null);

        public static SearchQuery TiedAt(long at, long? afterId) => new(at, at, afterId);

        public SearchRequest Request(IReadOnlyList<string> properties, int limit, string? after)
        {
            var value = From.ToString(CultureInfo.InvariantCulture);
            if (Tie is null)
            {
                return new SearchRequest(
                    [new FilterGroup([new SearchFilter(HubSpotMapping.ModifiedProperty, "GTE", value)])],
                    [new SearchSort(HubSpotMapping.ModifiedProperty, "ASCENDING")],
                    [.. properties], limit, after);
            }

            List<SearchFilter> filters = [new SearchFilter(HubSpotMapping.ModifiedProperty, "EQ", value)];
            if (AfterId is { } id)
            {
                filters.Add(new SearchFilter("hs_object_id", "GT", id.ToString(CultureInfo.InvariantCulture)));
            }

            return new SearchRequest([new FilterGroup(filters)], [new SearchSort("hs_object_id", "ASCENDING")], [.. properties], limit, after);
        }
    }

    /// <summary>One read's state: its cancellation, its line count, the company references it has read.</summary>
    private sealed class Reading(HubSpotSource source, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, string?> _companyRefs = new(StringComparer.Ordinal);
        private long _line;

        public int RequestsBefore { get; } = source.Client.Calls.Requests;

        public int SearchesBefore { get; } = source.Client.Calls.Searches;

        public int ThrottledBefore { get; } = source.Client.Calls.Throttled;

        public int Contacts { get; private set; }

        /// <summary>A call to HubSpot; the daily limit, once met, is remembered so that no run before the reset tries again.</summary>
        public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (SourceBudgetExhaustedException spent)
            {
                await source.Positions.SaveAsync(source.Name, DailyLimitKey, spent.ResetsAt.ToUnixTimeMilliseconds(), CancellationToken.None);
                throw;
            }
        }

        /// <summary>A page of contacts as entries: each role on each company, after one read of their companies.</summary>
        public async Task<List<SourceEntry>> EntriesAsync(List<CrmObject> contacts)
        {
            var entries = new List<SourceEntry>();
            if (contacts.Count == 0)
            {
                return entries;
            }

            Contacts += contacts.Count;
            var companies = await CallAsync(ct => source.Client.AssociationsAsync([.. contacts.Select(contact => contact.Id)], ct));
            var roles = contacts.ToDictionary(
                contact => contact.Id,
                contact => companies.Unreadable.Contains(contact.Id) ? [] : source._roles.Of(contact, companies.Companies.GetValueOrDefault(contact.Id) ?? []));
            await ReadCompanyRefsAsync(roles.Values.SelectMany(list => list).Select(role => role.CompanyId).OfType<string>());
            foreach (var contact in contacts)
            {
                if (companies.Unreadable.Contains(contact.Id))
                {
                    // Its keys are unknown without its companies: it could be any record, so nothing is removed this run.
                    entries.Add(new MalformedEntry(++_line, $"HubSpot contact {contact.Id}: its companies could not be read"));
                    continue;
                }

                foreach (var role in roles[contact.Id])
                {
                    var (companyRef, problem) = CompanyRef(role.CompanyId);
                    entries.Add(HubSpotMapping.Contact(contact, role, companyRef, problem, source.Options, ++_line));
                }
            }

            return entries;
        }

        private async Task ReadCompanyRefsAsync(IEnumerable<string> companyIds)
        {
            if (source.Options.CompanyRefProperty is not { } property)
            {
                return;
            }

            var unknown = companyIds.Where(id => !_companyRefs.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count == 0)
            {
                return;
            }

            var values = await CallAsync(ct => source.Client.CompanyPropertyAsync(unknown, property, ct));
            foreach (var id in unknown)
            {
                _companyRefs[id] = values.GetValueOrDefault(id);
            }
        }

        private (string? Ref, string? Problem) CompanyRef(string? companyId)
        {
            if (companyId is null)
            {
                return (null, null);
            }

            if (source.Options.CompanyRefProperty is not { } property)
            {
                return (companyId, null);
            }

            return _companyRefs.GetValueOrDefault(companyId) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
                ? (value, null)
                : (null, $"company: HubSpot company {companyId} has no {property}, so no contract can be found for it");
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Source {Source} read {Contacts} contacts from HubSpot ({Kind} read) in {Requests} requests, {Searches} of them searches; {Throttled} answered 429")]
    private static partial void ReadContacts(ILogger logger, string source, string kind, int contacts, int requests, int searches, int throttled);
}
