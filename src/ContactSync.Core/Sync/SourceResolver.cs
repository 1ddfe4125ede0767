using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Csv;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Sync;

/// <summary>Turns a configured source name into the source that reads it.</summary>
public sealed class SourceResolver(IOptionsMonitor<ContactSyncOptions> options, TimeProvider time)
{
    /// <summary>The source's configuration: its mode, conflict policy and removal limits.</summary>
    public SourceOptions Options(string name)
    {
        var sources = options.CurrentValue.Sources;
        return sources.FirstOrDefault(s => s.Name == name) ?? throw new UnknownSourceException(name, sources.Select(s => s.Name));
    }

    public IContactSource Resolve(string name)
    {
        var sources = options.CurrentValue.Sources;
        var configured = sources.FirstOrDefault(s => s.Name == name)
                         ?? throw new UnknownSourceException(name, sources.Select(s => s.Name));
        return configured.Type switch
        {
            SourceType.Csv => new CsvContactSource(configured.Name, configured.Path!, new CsvContactSourceOptions { Time = time }),
            _ => throw new InvalidOperationException($"Source '{name}' has an unsupported type."),
        };
    }
}
