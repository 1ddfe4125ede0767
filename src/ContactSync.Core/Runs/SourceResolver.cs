using ContactSync.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Runs;

/// <summary>Turns a configured source name into its settings and the source that reads it, made by the factory of its type.</summary>
public sealed class SourceResolver(
    IOptionsMonitor<ContactSyncOptions> options, IConfiguration configuration, IEnumerable<IContactSourceFactory> factories)
{
    /// <summary>The source's configuration: its mode, conflict policy and removal limits.</summary>
    public SourceOptions Options(string name)
    {
        var sources = options.CurrentValue.Sources;
        return sources.FirstOrDefault(s => s.Name == name) ?? throw new UnknownSourceException(name, sources.Select(s => s.Name));
    }

    public IContactSource Resolve(string name)
    {
        var configured = Options(name);
        var factory = factories.FirstOrDefault(f => f.Type == configured.Type)
                      ?? throw new InvalidOperationException($"Source '{name}' has a type no source is registered for.");
        return factory.Create(configured, Section(name));
    }

    /// <summary>The source's own configuration section (<c>ContactSync:Sources:N</c>), for the settings of its type.</summary>
    public IConfigurationSection Section(string name)
        => configuration.GetSection(ContactSyncOptions.SectionName).GetSection(nameof(ContactSyncOptions.Sources)).GetChildren()
               .FirstOrDefault(child => string.Equals(child[nameof(SourceOptions.Name)], name, StringComparison.Ordinal))
           ?? throw new UnknownSourceException(name, options.CurrentValue.Sources.Select(s => s.Name));
}
