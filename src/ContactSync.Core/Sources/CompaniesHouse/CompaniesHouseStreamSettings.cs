using Microsoft.Extensions.Configuration;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>The register streams configured: one per <c>CompaniesHouse</c> source that has a <c>StreamKey</c>.</summary>
public static class CompaniesHouseStreamSettings
{
    public sealed record Configured(string Source, string StreamUrl, string StreamKey, string? ContractMapPath, int MaxLineBytes);

    public static IReadOnlyList<Configured> Read(IConfiguration configuration, IEnumerable<SourceOptions> sources)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sections = configuration.GetSection("ContactSync:Sources").GetChildren().ToList();
        var streams = new List<Configured>();
        foreach (var source in sources.Where(source => source.Type == SourceType.CompaniesHouse))
        {
            var section = sections.First(child => string.Equals(child[nameof(SourceOptions.Name)], source.Name, StringComparison.Ordinal));
            var options = CompaniesHouseSourceFactory.Bind(section);
            if (!string.IsNullOrWhiteSpace(options.StreamKey))
            {
                streams.Add(new Configured(source.Name, options.StreamUrl, options.StreamKey, source.ContractMapPath, options.StreamMaxLineBytes));
            }
        }

        return streams;
    }
}
