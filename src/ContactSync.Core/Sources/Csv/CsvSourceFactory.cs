using Microsoft.Extensions.Configuration;

namespace ContactSync.Core.Sources.Csv;

/// <summary><c>Type=Csv</c>: a file (<c>Path</c>) exported from any system.</summary>
internal sealed class CsvSourceFactory(TimeProvider time) : IContactSourceFactory
{
    public SourceType Type => SourceType.Csv;

    public IContactSource Create(SourceOptions source, IConfigurationSection section)
        => new CsvContactSource(source.Name, source.Path!, new CsvContactSourceOptions { Time = time });

    public IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section)
    {
        if (string.IsNullOrWhiteSpace(section[nameof(SourceOptions.Path)]))
        {
            yield return (nameof(SourceOptions.Path), "is required for a Csv source");
        }
    }
}
