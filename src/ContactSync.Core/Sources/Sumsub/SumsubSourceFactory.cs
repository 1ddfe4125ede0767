using ContactSync.Core.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary><c>Type=Sumsub</c>: the people an operator verified in Sumsub, read for the companies contract resolution knows.</summary>
/// <remarks>The database is taken when a source is made, not when the factory is (see the register's factory).</remarks>
internal sealed class SumsubSourceFactory(
    IServiceProvider services, TimeProvider time, ILoggerFactory loggers, IConfiguration configuration, IHttpClientFactory clients) : IContactSourceFactory
{
    public SourceType Type => SourceType.Sumsub;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
    {
        var options = Bind(section);
        var typeMap = SumsubTypeMap.From(options);
        var client = new SumsubClient(options, typeMap.Keys.ToHashSet(StringComparer.Ordinal), services.GetRequiredService<NpgsqlDataSource>(), time, clients);
        return new SumsubSource(source.Name, typeMap, client, loggers.CreateLogger<SumsubSource>());
    }

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
        => SourceSettings.Check(section, Bind, options => Problems(section, options));

    private IEnumerable<(string Key, string Problem)> Problems(IConfigurationSection section, SumsubSourceOptions options)
    {
        foreach (var problem in ContractResolutionOptions.ResolvesCompanies(configuration, section, "a Sumsub source: without either it knows no company to read"))
        {
            yield return problem;
        }

        foreach (var problem in SourceSettings.Secret(nameof(options.AppToken), options.AppToken, "a Sumsub source (an app token)")
                     .Concat(SourceSettings.Secret(nameof(options.SecretKey), options.SecretKey, "a Sumsub source (the app token's secret key, which signs every request)"))
                     .Concat(SourceSettings.HttpUrl(nameof(options.BaseUrl), options.BaseUrl))
                     .Concat(SumsubTypeMap.Problems(options)))
        {
            yield return problem;
        }
    }

    internal static SumsubSourceOptions Bind(IConfigurationSection section)
    {
        var options = new SumsubSourceOptions();
        section.Bind(options);
        return options;
    }
}
