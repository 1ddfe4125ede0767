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

            coworkers.Add(CompanyCoworker(n, coworkerId, company, email, homeCountry, active, stamp, SeedIds.CompanyNumberAsTyped(n)));
            contracts.Add(new CoworkerContract(
                contractId, coworkerId, 2, company, company, company, email, active, tariff.Id, tariff.Name, tariff.Price,
                tariff.CurrencyCode, stamp, stamp, tariff.Price, 1, active, true, !active, active ? null : stamp,
                SeedIds.Guid(contractId), stamp, stamp));
        }

        if (settings.ResolutionEdgeCases)
        {
            // A second customer record carrying company 2's number, on a contract of its own; and a company whose
            // contract has ended.
            var stamp = SandboxDates.FormatInstant(new DateTimeOffset(FirstStartDate.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            var tariff = Tariffs[0];
            foreach (var (k, n, number, active) in new[] { (1, settings.Contracts + 1, SeedIds.CompanyNumber(2), true), (2, settings.Contracts + 2, SeedIds.CompanyNumber(settings.Contracts + 2), false) })
            {
                var company = CompanyNames.For(n);
                var email = CompanyNames.EmailFor(n);
                var (coworkerId, contractId) = (SeedIds.EdgeCoworkerId(k), SeedIds.EdgeContractId(k));
                coworkers.Add(CompanyCoworker(n, coworkerId, company, email, homeCountry, true, stamp, number));
                contracts.Add(new CoworkerContract(
                    contractId, coworkerId, 2, company, company, company, email, true, tariff.Id, tariff.Name, tariff.Price,
                    tariff.CurrencyCode, stamp, stamp, tariff.Price, 1, active, true, !active, active ? null : stamp,
                    SeedIds.Guid(contractId), stamp, stamp));
            }
        }

        var numbers = Enumerable.Range(1, settings.Contracts).ToDictionary(SeedIds.CompanyNumber, n => n, StringComparer.Ordinal);
        if (settings.ResolutionEdgeCases)
        {
            numbers[SeedIds.CompanyNumber(settings.Contracts + 2)] = settings.Contracts + 2;
        }

        CompanyNumbers = numbers;
        Coworkers = coworkers;
        Contracts = contracts;
        CountriesById = Countries.ToDictionary(country => country.Id);
        TariffsById = Tariffs.ToDictionary(tariff => tariff.Id);
        CoworkersById = Coworkers.ToDictionary(coworker => coworker.Id);
        ContractsById = Contracts.ToDictionary(contract => contract.Id);
    }

    /// <summary>The register numbers of the seeded companies (1 to Contracts, and the one whose contract ended), to their N.</summary>
    public IReadOnlyDictionary<string, int> CompanyNumbers { get; }

    private static Coworker CompanyCoworker(int n, int id, string company, string email, int country, bool active, string stamp, string number)
        => new(id, 2, company, company, company, email, country, active, false, SeedIds.Guid(id), stamp, stamp)
        {
            TaxIDNumber = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"GB{100_000_000 + n:D9}"),
            Custom1 = number,
        };

    public IReadOnlyList<Country> Countries { get; }
    public IReadOnlyList<Tariff> Tariffs { get; }
    public IReadOnlyList<Coworker> Coworkers { get; }
    public IReadOnlyList<CoworkerContract> Contracts { get; }

    public IReadOnlyDictionary<int, Country> CountriesById { get; }
    public IReadOnlyDictionary<int, Tariff> TariffsById { get; }
    public IReadOnlyDictionary<int, Coworker> CoworkersById { get; }
    public IReadOnlyDictionary<int, CoworkerContract> ContractsById { get; }
}
