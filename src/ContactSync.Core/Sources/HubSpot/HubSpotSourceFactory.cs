using ContactSync.Core.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary><c>Type=HubSpot</c>: directors and nominated recipients from HubSpot CRM, by association label or contact property.</summary>
internal sealed class HubSpotSourceFactory(
    IServiceProvider services, TimeProvider time, ILoggerFactory loggers, IConfiguration configuration, IHttpClientFactory clients) : IContactSourceFactory
{
    public SourceType Type => SourceType.HubSpot;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
    {
        var options = Bind(section);
        return new HubSpotSource(
            source.Name, options, new HubSpotClient(options, time, clients), new StreamPositions(services.GetRequiredService<NpgsqlDataSource>()),
            loggers.CreateLogger<HubSpotSource>());
    }

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
        => SourceSettings.Check(section, Bind, options => Problems(section, options));

    private IEnumerable<(string Key, string Problem)> Problems(IConfigurationSection section, HubSpotSourceOptions options)
    {
        foreach (var problem in ContractResolutionOptions.ResolvesCompanies(configuration, section, "a HubSpot source: contacts are placed on contracts through their companies"))
        {
            yield return problem;
        }

        foreach (var problem in SourceSettings.Secret(nameof(options.AccessToken), options.AccessToken, "a HubSpot source (a bearer token: a private-app token or a service key)")
                     .Concat(SourceSettings.HttpUrl(nameof(options.BaseUrl), options.BaseUrl)))
        {
            yield return problem;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.AccountTimeZone, out _))
        {
            yield return (nameof(options.AccountTimeZone), "must be a time zone id such as Europe/London (the HubSpot account's, where its daily limit resets)");
        }

        if (options.SearchResultLimit < options.PageSize * 2)
        {
            yield return (nameof(options.SearchResultLimit), "must be at least twice PageSize");
        }

        foreach (var problem in HubSpotRoles.Problems(options))
        {
            yield return problem;
        }
    }

    internal static HubSpotSourceOptions Bind(IConfigurationSection section)
    {
        var options = new HubSpotSourceOptions();
        section.Bind(options);
        return options;
    }
}
