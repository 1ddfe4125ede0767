using System.Globalization;
using System.Runtime.CompilerServices;
using ContactSync.Core.Paging;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary>
/// HubSpot CRM as a source. A run reads either every contact (the first run, and then every
/// <see cref="HubSpotSourceOptions.CompleteReadEvery"/>: what catches what search misses, and the only read that proves
/// absence, so archived and merged contacts are removed by it), or, in between, the contacts modified since the
/// watermark, through search, a page at a time from the last modified date read (never by offset, which skips a contact
/// when one already read is edited). The watermark moves only once a page's contacts are in the ledger
/// (<see cref="SourceCheckpoint"/>), and never past a contact the read did not store. Every paged loop must make progress
/// (<see cref="PageProgress"/>): one that does not stops the read as unavailable, and nothing is removed. Each page's companies and roles come from one association batch read, and the
/// companies' references from one company batch read when <see cref="HubSpotSourceOptions.CompanyRefProperty"/> is set.
/// </summary>
internal sealed class HubSpotSource(
    string name, HubSpotSourceOptions options, HubSpotClient client, StreamPositions positions, ILogger logger) : IContactSource
{
    // Where this source's reads got to, in stream_positions (epoch milliseconds).
    internal const string WatermarkKey = "hubspot:modified";
    internal const string CompleteReadKey = "hubspot:complete-read";
    internal const string DailyLimitKey = "hubspot:daily-limit";
    // How many contacts the last complete read listed: what the next one can legitimately need.
    internal const string ContactCountKey = "hubspot:contacts";

    // The most pages a read asks for while HubSpot has given no count to derive it from (a first complete read): a
    // million contacts a hundred a page.
    internal const int MaxListPages = 10_000;

    private readonly HubSpotRoles _roles = HubSpotRoles.From(options);

    private HubSpotClient Client { get; } = client;

    private StreamPositions Positions { get; } = positions;

    private HubSpotSourceOptions Options { get; } = options;

    public string Name { get; } = name;

    public async IAsyncEnumerable<SourceEntry> ReadAsync(SourceRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        // The daily limit's reset and the last complete read are HubSpot's times; they are compared with the database's
        // clock, not this worker's, which may run ahead (a complete read too early) or behind (one too late).
        var now = await Positions.NowAsync(cancellationToken);
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

        SourceLogMessages.HubSpotRead(logger, Name, complete ? "complete" : "incremental", reading.Contacts, Client.Calls.Requests - reading.RequestsBefore,
            Client.Calls.Searches - reading.SearchesBefore, Client.Calls.Throttled - reading.ThrottledBefore);
    }

    private async IAsyncEnumerable<SourceEntry> CompleteAsync(Reading reading, DateTimeOffset started, bool remember)
    {
        var properties = HubSpotMapping.Properties(Options, _roles);
        // The list reports no total: the last complete read's count is what this one can legitimately need.
        var progress = new PageProgress("HubSpot", "the contact list", MaxListPages);
        progress.Expect(await Positions.GetAsync(Name, ContactCountKey, reading.CancellationToken), Options.PageSize);
        string? after = null;
        // When the read began by HubSpot's clock, which stamps the modified dates the next incremental read compares
        // with: the worker's own clock, if it runs ahead by more than the overlap, would skip the changes in between.
        DateTimeOffset? began = null;
        do
        {
            var cursor = after;
            var (page, answeredAt) = await reading.CallAsync(ct => Client.ListAsync(Options.PageSize, cursor, properties, ct));
            began ??= answeredAt ?? started;
            var results = page.Results ?? [];
            foreach (var entry in await reading.EntriesAsync(results))
            {
                yield return entry;
            }

            after = page.Paging?.Next?.After;
            if (after is not null)
            {
                progress.ReadOn(after, results.Select(contact => contact.Id));
            }
        }
        while (after is not null);

        if (remember)
        {
            // Everything modified before the read began is in it (but a contact whose companies could not be read): the
            // next incremental read starts there. The Date header is whole seconds, so it errs early, which is safe.
            var at = (began ?? started).ToUnixTimeMilliseconds();
            var upTo = Math.Min(at, reading.Hold ?? at);
            var contacts = reading.Contacts;
            yield return new SourceCheckpoint(async ct =>
            {
                await Positions.SaveAsync(Name, WatermarkKey, upTo, ct);
                await Positions.SaveAsync(Name, CompleteReadKey, at, ct);
                await Positions.SaveAsync(Name, ContactCountKey, contacts, ct);
            });
        }

        yield return new ReadCompleted();
    }

    /// <summary>
    /// Contacts modified at or after <paramref name="from"/>, oldest first. Search pages by offset over a sort that
    /// changes under it (a contact edited while the read goes moves to the end and shifts every later one back, so the
    /// next offset would skip one), so each page is a new query from the last modified date read, skipping the contacts
    /// already read at that date; no query ever pages by offset, so HubSpot's result limit is never met. When a whole
    /// page shares one date, that date is read by id (a keyset too), then the read goes on past it.
    /// </summary>
    private async IAsyncEnumerable<SourceEntry> ChangedSinceAsync(Reading reading, long from)
    {
        var properties = HubSpotMapping.Properties(Options, _roles);
        var progress = new PageProgress("HubSpot", "the contact search", MaxListPages);
        // The modified date each contact was read at in this read.
        var read = new Dictionary<string, long>(StringComparer.Ordinal);
        var query = SearchQuery.Since(from);
        while (true)
        {
            var request = query.Request(properties, Options.PageSize);
            var page = await reading.CallAsync(ct => Client.SearchAsync(request, ct));
            var results = page.Results ?? [];
            progress.Expect(page.Total, Options.PageSize);
            var fresh = new List<CrmObject>();
            foreach (var contact in results)
            {
                var modified = Modified(contact);
                if (read.TryAdd(contact.Id, modified))
                {
                    fresh.Add(contact);
                }
                else if (modified > read[contact.Id])
                {
                    // Edited after this read read it. The ledger takes one state of a record per run, so the newer one is
                    // left to the next run, which the watermark sends back here.
                    reading.HoldAt(modified);
                }
            }

            foreach (var entry in await reading.EntriesAsync(fresh))
            {
                yield return entry;
            }

            var last = results.Count == 0 ? (long?)null : results.Max(Modified);
            if (last is { } lastModified && query.Tie is null)
            {
                // Sorted oldest first: every contact modified before this date has been read (and stored before this
                // runs), but one held back above.
                var upTo = Math.Min(lastModified, reading.Hold ?? lastModified);
                yield return new SourceCheckpoint(ct => Positions.SaveAsync(Name, WatermarkKey, upTo, ct));
            }

            SearchQuery next;
            if (page.Paging?.Next?.After is null)
            {
                if (query.Tie is not { } tie)
                {
                    yield break;
                }

                // Every contact of the shared date is read: on past it.
                next = SearchQuery.Since(tie + 1);
                progress.Restart();
            }
            else if (query.Tie is { } at)
            {
                next = SearchQuery.TiedAt(at, LastId(results, query.AfterId));
            }
            else if (last is { } lastModified2 && lastModified2 > query.From)
            {
                next = SearchQuery.Since(lastModified2);
            }
            else if (results.Count >= Options.PageSize)
            {
                // A whole page at one date, in no promised order: that date by id, from the start.
                next = SearchQuery.TiedAt(query.From, null);
                progress.Restart();
            }
            else
            {
                // More promised, yet a short page that moved nowhere: asked again, which the progress check allows once.
                next = query;
            }

            progress.ReadOn(next.Position, results.Select(contact => $"{contact.Id}@{Modified(contact).ToString(CultureInfo.InvariantCulture)}"));
            query = next;
        }
    }

    private static long Modified(CrmObject contact) => HubSpotMapping.Millis(contact.Property(HubSpotMapping.ModifiedProperty)) ?? long.MinValue;

    private static long? LastId(IEnumerable<CrmObject> contacts, long? floor)
        => contacts.Select(contact => long.TryParse(contact.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null).Append(floor).Max();

    /// <summary>One search query, always from its first result: modified at or after a date, oldest first; or, within one date, by id.</summary>
    private sealed record SearchQuery(long From, long? Tie, long? AfterId)
    {
        public static SearchQuery Since(long from) => new(from, null, null);

        public static SearchQuery TiedAt(long at, long? afterId) => new(at, at, afterId);

        /// <summary>Where the query starts, for the read's progress check.</summary>
        public string Position => string.Create(CultureInfo.InvariantCulture, $"{From}:{Tie}:{AfterId}");

        public SearchRequest Request(IReadOnlyList<string> properties, int limit)
        {
            var value = From.ToString(CultureInfo.InvariantCulture);
            if (Tie is null)
            {
                return new SearchRequest(
                    [new FilterGroup([new SearchFilter(HubSpotMapping.ModifiedProperty, "GTE", value)])],
                    [new SearchSort(HubSpotMapping.ModifiedProperty, "ASCENDING")],
                    [.. properties], limit, null);
            }

            List<SearchFilter> filters = [new SearchFilter(HubSpotMapping.ModifiedProperty, "EQ", value)];
            if (AfterId is { } id)
            {
                filters.Add(new SearchFilter("hs_object_id", "GT", id.ToString(CultureInfo.InvariantCulture)));
            }

            return new SearchRequest([new FilterGroup(filters)], [new SearchSort("hs_object_id", "ASCENDING")], [.. properties], limit, null);
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

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>The earliest modified date of a contact this read did not store: the watermark moves no further.</summary>
        public long? Hold { get; private set; }

        public void HoldAt(long modified) => Hold = Hold is { } held ? Math.Min(held, modified) : modified;

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
                    // Its keys are unknown without its companies: it could be any record, so nothing is removed this run,
                    // and no incremental read may count it read.
                    HoldAt(Modified(contact));
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
}
