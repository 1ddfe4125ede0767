using System.ComponentModel.DataAnnotations;
using ContactSync.Core.Configuration;
using ContactSync.Core.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Sources.HubSpot;

/// <summary><c>Type=HubSpot</c>: directors and nominated recipients from HubSpot CRM, by association label or contact property.</summary>
internal sealed class HubSpotSourceFactory(
    IServiceProvider services, TimeProvider time, ILoggerFactory loggers, IConfiguration configuration) : IContactSourceFactory
{
    private static readonly SocketsHttpHandler Network = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public SourceType Type => SourceType.HubSpot;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
    {
        var options = Bind(section);
        return new HubSpotSource(
            source.Name, options, new HubSpotClient(options, time, Network), new StreamPositions(services.GetRequiredService<NpgsqlDataSource>()), time,
            loggers.CreateLogger<HubSpotSource>());
    }

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
    {
        HubSpotSourceOptions options;
        try
        {
            options = Bind(section);
        }
        catch (InvalidOperationException)
        {
            // The binder's message would repeat the value, which may be a token typed into the wrong key.
            return [("", "has a setting that cannot be read as its type (a number, a duration such as 00:05:00, true/false)")];
        }

        return Problems(section, options);
    }

    private IEnumerable<(string Key, string Problem)> Problems(IConfigurationSection section, HubSpotSourceOptions options)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{ContractResolutionOptions.SectionName}:{nameof(ContractResolutionOptions.CoworkerField)}"])
            && string.IsNullOrWhiteSpace(section[nameof(SourceOptions.ContractMapPath)]))
        {
            yield return (nameof(SourceOptions.ContractMapPath),
                "or ContactSync:ContractResolution:CoworkerField is required for a HubSpot source: contacts are placed on contracts through their companies");
        }

        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            yield return (nameof(options.AccessToken), "is required for a HubSpot source (a bearer token: a private-app token or a service key)");
        }
        else if (Placeholder.IsIn(options.AccessToken))
        {
            yield return (nameof(options.AccessToken), "is still the template's placeholder");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            yield return (nameof(options.BaseUrl), "must be an absolute http(s) URL");
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

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                yield return (member, result.ErrorMessage ?? "is not valid");
            }
        }
    }

    internal static HubSpotSourceOptions Bind(IConfigurationSection section)
    {
        var options = new HubSpotSourceOptions();
        section.Bind(options);
        return options;
    }
}
