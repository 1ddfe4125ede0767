using ContactSync.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary><c>Type=CompaniesHouse</c>: the UK company register, read for the companies contract resolution knows.</summary>
internal sealed class CompaniesHouseSourceFactory(NpgsqlDataSource dataSource, TimeProvider time, ILoggerFactory loggers) : IContactSourceFactory
{
    // One connection pool for every register client this process makes.
    private static readonly SocketsHttpHandler Network = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public SourceType Type => SourceType.CompaniesHouse;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
    {
        var options = Bind(section);
        var client = new CompaniesHouseClient(options, dataSource, time, Network);
        return new CompaniesHouseSource(source.Name, options, client, loggers.CreateLogger<CompaniesHouseSource>());
    }

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
    {
        var options = Bind(section);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            yield return (nameof(options.ApiKey), "is required for a CompaniesHouse source (a REST API key)");
        }
        else if (Placeholder.IsIn(options.ApiKey))
        {
            yield return (nameof(options.ApiKey), "is still the template's placeholder");
        }

        foreach (var (key, url) in new[] { (nameof(options.BaseUrl), options.BaseUrl), (nameof(options.StreamUrl), options.StreamUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                yield return (key, "must be an absolute http(s) URL");
            }
        }

        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                yield return (member, result.ErrorMessage ?? "is not valid");
            }
        }
    }

    internal static CompaniesHouseSourceOptions Bind(IConfigurationSection section)
    {
        var options = new CompaniesHouseSourceOptions();
        section.Bind(options);
        return options;
    }
}
