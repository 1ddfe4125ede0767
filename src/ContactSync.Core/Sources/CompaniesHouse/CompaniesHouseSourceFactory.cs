using ContactSync.Core.Configuration;
using ContactSync.Core.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary><c>Type=CompaniesHouse</c>: the UK company register, read for the companies contract resolution knows.</summary>
/// <remarks>
/// The database is taken when a source is made, not when the factory is: the factory also checks configuration at
/// start, where a broken connection string must be reported with every other problem, not stop the check.
/// </remarks>
internal sealed class CompaniesHouseSourceFactory(
    IServiceProvider services, TimeProvider time, ILoggerFactory loggers, IConfiguration configuration, IHttpClientFactory clients) : IContactSourceFactory
{
    public SourceType Type => SourceType.CompaniesHouse;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
    {
        var options = Bind(section);
        var client = new CompaniesHouseClient(options, services.GetRequiredService<NpgsqlDataSource>(), time, clients);
        return new CompaniesHouseSource(source.Name, options, client, loggers.CreateLogger<CompaniesHouseSource>());
    }

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
        => SourceSettings.Check(section, Bind, options => Problems(section, options));

    private IEnumerable<(string Key, string Problem)> Problems(IConfigurationSection section, CompaniesHouseSourceOptions options)
    {
        foreach (var problem in ContractResolutionOptions.ResolvesCompanies(configuration, section, "a CompaniesHouse source: without either it knows no company to read"))
        {
            yield return problem;
        }

        if (Placeholder.IsIn(options.StreamKey))
        {
            yield return (nameof(options.StreamKey), "is still the template's placeholder");
        }

        foreach (var problem in SourceSettings.Secret(nameof(options.ApiKey), options.ApiKey, "a CompaniesHouse source (a REST API key)")
                     .Concat(SourceSettings.HttpUrl(nameof(options.BaseUrl), options.BaseUrl))
                     .Concat(SourceSettings.HttpUrl(nameof(options.StreamUrl), options.StreamUrl)))
        {
            yield return problem;
        }
    }

    internal static CompaniesHouseSourceOptions Bind(IConfigurationSection section)
    {
        var options = new CompaniesHouseSourceOptions();
        section.Bind(options);
        return options;
    }
}
