using ContactSync.Sandbox.Api;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Seeds;

/// <summary>The read-only reference data, built once at start-up and never changed, not even by a reset.</summary>
internal sealed class SeedData
{
    // A fixed origin keeps every seeded date identical from run to run.
    private static readonly DateOnly FirstStartDate = new(2024, 1, 1);

    public SeedData(IOptions<SeedOptions> options)
    {
        var settings = options.Value;
        Countries = CountryCatalog.Build();
        Tariffs = TariffCatalog.Build();
        var homeCountry = Countries.Single(country => country.TwoDigitsCode == "GB").Id;

        var coworkers = new List<Coworker>(settings.Contracts);
        var contracts = new List<CoworkerContract>(settings.Contracts);
        for (var n = 1; n <= settings.Contracts; n++)
        {
            var active = settings.InactiveEvery == 0 || n % settings.InactiveEvery != 0;
            var company = CompanyNames.For(n);
            var email = CompanyNames.EmailFor(n);
            var start = FirstStartDate.AddDays(n - 1);
            var stamp = SandboxDates.FormatInstant(new DateTimeOffset(start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            var tariff = Tariffs[(n - 1) % TariffCatalog.VirtualOfficeCount];
            var coworkerId = SeedIds.CoworkerId(n);
            var contractId = SeedIds.ContractId(n);

            coworkers.Add(new Coworker(
                coworkerId, 2, company, company, company, email, homeCountry, active, false, SeedIds.Guid(coworkerId), stamp, stamp));
            contracts.Add(new CoworkerContract(
                contractId, coworkerId, 2, company, company, company, email, active, tariff.Id, tariff.Name, tariff.Price,
                tariff.CurrencyCode, stamp, stamp, tariff.Price, 1, active, true, !active, active ? null : stamp,
                SeedIds.Guid(contractId), stamp, stamp));
        }

        Coworkers = coworkers;
        Contracts = contracts;
        CountriesById = Countries.ToDictionary(country => country.Id);
        TariffsById = Tariffs.ToDictionary(tariff => tariff.Id);
        CoworkersById = Coworkers.ToDictionary(coworker => coworker.Id);
        ContractsById = Contracts.ToDictionary(contract => contract.Id);
    }

    public IReadOnlyList<Country> Countries { get; }
    public IReadOnlyList<Tariff> Tariffs { get; }
    public IReadOnlyList<Coworker> Coworkers { get; }
    public IReadOnlyList<CoworkerContract> Contracts { get; }

    public IReadOnlyDictionary<int, Country> CountriesById { get; }
    public IReadOnlyDictionary<int, Tariff> TariffsById { get; }
    public IReadOnlyDictionary<int, Coworker> CoworkersById { get; }
    public IReadOnlyDictionary<int, CoworkerContract> ContractsById { get; }
}
