using System.Text.Json.Nodes;
using ContactSync.Sandbox.Admin;
using ContactSync.Sandbox.Seeds;

namespace ContactSync.Sandbox.Register;

/// <summary>
/// The register's companies and its two change streams (officers, companies). Seeded companies are built on first
/// use; every change made through the admin endpoints is published on its stream with the next timepoint.
/// </summary>
internal sealed class RegisterStore(SeedData seeds, TimeProvider time) : ISandboxState
{
    public const string OfficersStream = "officers";
    public const string CompaniesStream = "companies";

    private const long OfficersStart = 50_000_000;
    private const long CompaniesStart = 80_000_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RegisterCompany> _companies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RegisterEvent>> _events = new() { [OfficersStream] = [], [CompaniesStream] = [] };
    private readonly Dictionary<string, long> _next = new() { [OfficersStream] = OfficersStart, [CompaniesStream] = CompaniesStart };
    private readonly Dictionary<string, long> _floor = new() { [OfficersStream] = OfficersStart, [CompaniesStream] = CompaniesStart };
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when anything is next published.</summary>
    public Task Published
    {
        get
        {
            lock (_gate)
            {
                return _published.Task;
            }
        }
    }

    /// <summary>Renders a company (null when the register does not know it) under the store's lock, so no change is seen half made.</summary>
    public T? Render<T>(string number, Func<RegisterCompany, T> render)
        where T : class
    {
        lock (_gate)
        {
            return FindLocked(number) is { } company ? render(company) : null;
        }
    }

    /// <summary>Runs a change on a company under the store's lock and publishes what it says changed.</summary>
    public T Change<T>(string number, Func<RegisterCompany, (T Result, IReadOnlyList<(string Stream, RegisterEvent Event)> Events)> change)
    {
        lock (_gate)
        {
            var company = FindLocked(number) ?? throw new KeyNotFoundException(number);
            var (result, events) = change(company);
            foreach (var (stream, draft) in events)
            {
                PublishLocked(stream, draft);
            }

            return result;
        }
    }

    public RegisterCompany Add(string number, string name)
    {
        lock (_gate)
        {
            var company = new RegisterCompany(number, name);
            _companies[number] = company;
            PublishLocked(CompaniesStream, ProfileEvent(company));
            return company;
        }
    }

    /// <summary>Events of the firehose about companies nobody here manages: a listener must skip them.</summary>
    public void PublishNoise(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var number = $"{90_000_000 + i:D8}";
                var officer = RegisterSeeder.Natural(number, i, 0, "director", null, false);
                PublishLocked(OfficersStream, OfficerEvent(number, officer, "changed"));
            }
        }
    }

    /// <summary>Forgets every event so far: a listener resuming from an older timepoint gets a 416.</summary>
    public void ExpireEvents()
    {
        lock (_gate)
        {
            foreach (var stream in _events.Keys)
            {
                _events[stream].Clear();
                _floor[stream] = _next[stream];
            }
        }
    }

    /// <summary>Events after <paramref name="timepoint"/> (all retained, when null); null when that timepoint is too old.</summary>
    public IReadOnlyList<RegisterEvent>? EventsAfter(string stream, long? timepoint)
    {
        lock (_gate)
        {
            if (timepoint is { } from && from < _floor[stream] - 1)
            {
                return null;
            }

            return _events[stream].Where(e => timepoint is null || e.Timepoint > timepoint).ToList();
        }
    }

    public long LatestTimepoint(string stream)
    {
        lock (_gate)
        {
            return _next[stream] - 1;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _companies.Clear();
            foreach (var stream in _events.Keys)
            {
                _events[stream].Clear();
            }

            _next[OfficersStream] = _floor[OfficersStream] = OfficersStart;
            _next[CompaniesStream] = _floor[CompaniesStream] = CompaniesStart;
        }
    }

    public static RegisterEvent OfficerEvent(string number, RegisterOfficer officer, string type) => new(
        0, "company-officers", $"/company/{number}/appointments/{officer.AppointmentId}", officer.AppointmentId, type,
        RegisterJson.Officer(number, officer), default);

    public static RegisterEvent ProfileEvent(RegisterCompany company) => new(
        0, "company-profile", $"/company/{company.Number}", company.Number, "changed", RegisterJson.Profile(company), default);

    private RegisterCompany? FindLocked(string number)
    {
        if (_companies.TryGetValue(number, out var company))
        {
            return company;
        }

        if (!seeds.CompanyNumbers.TryGetValue(number, out var n))
        {
            return null;
        }

        company = RegisterSeeder.Build(number, n, CompanyNames.For(n));
        _companies[number] = company;
        return company;
    }

    private void PublishLocked(string stream, RegisterEvent draft)
    {
        var published = draft with { Timepoint = _next[stream]++, PublishedAt = time.GetUtcNow() };
        _events[stream].Add(published);
        var signal = _published;
        _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
    }
}
