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
                     .Concat(WebhookSecret(options.WebhookSecret))
                     .Concat(SourceSettings.HttpUrl(nameof(options.BaseUrl), options.BaseUrl))
                     .Concat(SumsubTypeMap.Problems(options)))
        {
            yield return problem;
        }
    }

    // Optional; when set, a secret worth the name: anyone who knows it can queue runs through the open webhook route.
    private static IEnumerable<(string Key, string Problem)> WebhookSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            yield break;
        }

        foreach (var problem in SourceSettings.Secret(nameof(SumsubSourceOptions.WebhookSecret), secret, "a Sumsub source's webhooks"))
        {
            yield return problem;
        }

        if (secret.Trim().Length < SumsubEvents.MinSecretLength)
        {
            yield return (nameof(SumsubSourceOptions.WebhookSecret), $"must be at least {SumsubEvents.MinSecretLength} characters (the secret Sumsub's webhook manager shows)");
        }
    }

    internal static SumsubSourceOptions Bind(IConfigurationSection section)
    {
        var options = new SumsubSourceOptions();
        section.Bind(options);
        return options;
    }
}
