namespace ContactSync.Sandbox.Seeds;

internal static class SeedEndpoints
{
    public static IEndpointRouteBuilder MapSeeds(this IEndpointRouteBuilder app)
    {
        app.MapReadOnlyCollection(
            "/api/billing/coworkercontracts",
            seeds => seeds.Contracts,
            seeds => seeds.ContractsById,
            filter => filter
                .Int("CoworkerContract_Coworker", contract => contract.CoworkerId)
                .Int("CoworkerContract_Tariff", contract => contract.TariffId)
                .Contains("CoworkerContract_Tariff_Name", contract => contract.TariffName)
                .Bool("CoworkerContract_Active", contract => contract.Active)
                .Bool("CoworkerContract_Cancelled", contract => contract.Cancelled)
                .Bool("CoworkerContract_MainContract", contract => contract.MainContract));

        app.MapReadOnlyCollection(
            "/api/spaces/coworkers",
            seeds => seeds.Coworkers,
            seeds => seeds.CoworkersById,
            filter => filter
                .Int("Coworker_CoworkerType", coworker => coworker.CoworkerType)
                .Contains("Coworker_CompanyName", coworker => coworker.CompanyName)
                .Contains("Coworker_FullName", coworker => coworker.FullName)
                .Contains("Coworker_Email", coworker => coworker.Email)
                .Bool("Coworker_Active", coworker => coworker.Active));

        app.MapReadOnlyCollection(
            "/api/billing/tariffs",
            seeds => seeds.Tariffs,
            seeds => seeds.TariffsById,
            filter => filter
                .Contains("Tariff_Name", tariff => tariff.Name)
                .Bool("Tariff_IsVirtualOffice", tariff => tariff.IsVirtualOffice)
                .Int("Tariff_SystemTariffType", tariff => tariff.SystemTariffType)
                .Bool("Tariff_Archived", tariff => tariff.Archived));

        app.MapReadOnlyCollection(
            "/api/sys/countries",
            seeds => seeds.Countries,
            seeds => seeds.CountriesById,
            filter => filter
                .Equal("Country_TwoDigitsCode", country => country.TwoDigitsCode)
                .Contains("Country_Name", country => country.Name)
                .Equal("Country_Culture", country => country.Culture));

        return app;
    }
}
