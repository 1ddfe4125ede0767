using System.Globalization;
using ContactSync.Sandbox.Admin;
using ContactSync.Sandbox.Seeds;

namespace ContactSync.Sandbox.HubSpot;

/// <summary>
/// The CRM's contacts, companies and contact→company associations, seeded from the Sandbox's companies and changed
/// only through the admin endpoints. Every change to a contact's properties moves its <c>lastmodifieddate</c>; a change
/// of association does not (as in HubSpot).
/// </summary>
internal sealed class HubSpotStore : ISandboxState
{
    private readonly Lock _gate = new();
    private readonly SeedData _seeds;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, HubSpotRecord> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HubSpotRecord> _companies = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Contact, string Company), List<HubSpotAssociationType>> _associations = [];
    private readonly List<SearchEdit> _searchEdits = [];
    private long _nextId;

    public HubSpotStore(SeedData seeds, TimeProvider time)
    {
        _seeds = seeds;
        _time = time;
        Reset();
    }

    public static string CompanyId(int n) => (2_000_000 + n).ToString(CultureInfo.InvariantCulture);

    public T Read<T>(Func<HubSpotStore, T> read)
    {
        lock (_gate)
        {
            return read(this);
        }
    }

    public IEnumerable<HubSpotRecord> Contacts => _contacts.Values;

    public IReadOnlyDictionary<string, HubSpotRecord> CompaniesById => _companies;

    public IReadOnlyDictionary<string, HubSpotRecord> ContactsById => _contacts;

    public IEnumerable<(string Company, IReadOnlyList<HubSpotAssociationType> Types)> AssociationsOf(string contact)
        => _associations.Where(pair => pair.Key.Contact == contact).Select(pair => (pair.Key.Company, (IReadOnlyList<HubSpotAssociationType>)pair.Value));

    /// <summary>A new contact (or new properties on one), its associations replaced when given. Returns its id.</summary>
    public string Upsert(string? id, IReadOnlyDictionary<string, string?> properties, IReadOnlyDictionary<string, int[]>? associations, DateTimeOffset? at)
    {
        lock (_gate)
        {
            var when = at ?? _time.GetUtcNow();
            if (id is null || !_contacts.TryGetValue(id, out var contact))
            {
                id ??= (++_nextId).ToString(CultureInfo.InvariantCulture);
                contact = new HubSpotRecord(id, new Dictionary<string, string?>(StringComparer.Ordinal), when);
                _contacts[id] = contact;
                contact.Properties["createdate"] = Millis(when);
                contact.Properties["hs_object_id"] = id;
            }

            foreach (var (name, value) in properties)
            {
                contact.Properties[name] = value;
            }

            Touch(contact, when);
            if (associations is not null)
            {
                foreach (var key in _associations.Keys.Where(key => key.Contact == id).ToList())
                {
                    _associations.Remove(key);
                }

                foreach (var (company, types) in associations)
                {
                    _associations[(id, company)] = [.. types.Select(HubSpotLabels.For)];
                }
            }

            return id;
        }
    }

    /// <summary>Sets one pair's association types: the contact's modified date does not move.</summary>
    public bool Associate(string contact, string company, int[] typeIds)
    {
        lock (_gate)
        {
            if (!_contacts.ContainsKey(contact) || !_companies.ContainsKey(company))
            {
                return false;
            }

            if (typeIds.Length == 0)
            {
                _associations.Remove((contact, company));
            }
            else
            {
                _associations[(contact, company)] = [.. typeIds.Select(HubSpotLabels.For)];
            }

            return true;
        }
    }

    public bool Archive(string contact)
    {
        lock (_gate)
        {
            if (!_contacts.TryGetValue(contact, out var record))
            {
                return false;
            }

            record.Archived = true;
            Touch(record, _time.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// Once <paramref name="searches"/> more searches have been answered, the contact's modified time moves (to
    /// <paramref name="at"/>, or the Sandbox's now), as if someone edited it while a client paged: what a client paging
    /// by offset over the modified-date sort meets.
    /// </summary>
    public bool EditAfterSearches(string id, int searches, DateTimeOffset? at)
    {
        lock (_gate)
        {
            if (!_contacts.ContainsKey(id))
            {
                return false;
            }

            _searchEdits.Add(new SearchEdit(id, at) { Remaining = Math.Max(1, searches) });
            return true;
        }
    }

    /// <summary>A search was answered (under the lock <see cref="Read"/> holds): the edits due now are made.</summary>
    public void SearchAnswered()
    {
        foreach (var edit in _searchEdits.ToList())
        {
            if (--edit.Remaining > 0)
            {
                continue;
            }

            _searchEdits.Remove(edit);
            if (_contacts.TryGetValue(edit.Contact, out var contact))
            {
                Touch(contact, edit.At ?? _time.GetUtcNow());
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _searchEdits.Clear();
            _contacts.Clear();
            _companies.Clear();
            _associations.Clear();
            _nextId = 900_000;
            HubSpotSeeder.Seed(this, _seeds);
        }
    }

    // Seeding, under the lock Reset holds.
    internal void SeedCompany(int n, string name, string number, DateTimeOffset at)
    {
        var id = CompanyId(n);
        _companies[id] = new HubSpotRecord(id, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["company_number"] = number,
            ["hs_object_id"] = id,
            ["createdate"] = Millis(at),
            ["hs_lastmodifieddate"] = Millis(at),
        }, at);
    }

    internal void SeedContact(string id, Dictionary<string, string?> properties, IReadOnlyDictionary<string, int[]> associations, DateTimeOffset at)
    {
        var contact = new HubSpotRecord(id, properties, at);
        properties["hs_object_id"] = id;
        properties["createdate"] = Millis(at);
        Touch(contact, at);
        _contacts[id] = contact;
        foreach (var (company, types) in associations)
        {
            _associations[(id, company)] = [.. types.Select(HubSpotLabels.For)];
        }
    }

    public static string Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static void Touch(HubSpotRecord contact, DateTimeOffset at)
    {
        contact.UpdatedAt = at;
        contact.Properties["lastmodifieddate"] = Millis(at);
    }
}

internal sealed record SearchEdit(string Contact, DateTimeOffset? At)
{
    public int Remaining { get; set; }
}
