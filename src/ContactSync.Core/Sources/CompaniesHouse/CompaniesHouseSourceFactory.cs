using ContactSync.Core.Configuration;
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
    IServiceProvider services, TimeProvider time, ILoggerFactory loggers, IConfiguration configuration) : IContactSourceFactory
{
    // One connection pool for every register client this process makes.
    private static readonly SocketsHttpHandler Network = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public SourceType Type => SourceType.CompaniesHouse;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
    {
        var options = Bind(section);
        var client = new CompaniesHouseClient(options, services.GetRequiredService<NpgsqlDataSource>(), time, Network);
        return new CompaniesHouseSource(source.Name, options, client, loggers.CreateLogger<CompaniesHouseSource>());
    }

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
    {
        CompaniesHouseSourceOptions options;
        try
        {
            options = Bind(section);
        }
        catch (InvalidOperationException)
        {
            // The binder's message would repeat the value, which may be a secret typed into the wrong key.
            return [("", "has a setting that cannot be read as its type (a number, a duration such as 00:05:00, true/false)")];
        }

        return Problems(section, options);
    }

    private IEnumerable<(string Key, string Problem)> Problems(IConfigurationSection section, CompaniesHouseSourceOptions options)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{Contracts.ContractResolutionOptions.SectionName}:{nameof(Contracts.ContractResolutionOptions.CoworkerField)}"])
            && string.IsNullOrWhiteSpace(section[nameof(SourceOptions.ContractMapPath)]))
        {
            yield return (nameof(SourceOptions.ContractMapPath),
                "or ContactSync:ContractResolution:CoworkerField is required for a CompaniesHouse source: without either it knows no company to read");
        }

        if (Placeholder.IsIn(options.StreamKey))
        {
            yield return (nameof(options.StreamKey), "is still the template's placeholder");
        }

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
