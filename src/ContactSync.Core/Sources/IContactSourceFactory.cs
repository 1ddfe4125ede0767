using Microsoft.Extensions.Configuration;

namespace ContactSync.Core.Sources;

/// <summary>
/// Makes the sources of one <see cref="SourceType"/>. A new kind of source is a folder under <c>Sources/</c> with its
/// factory, registered in <see cref="SourceRegistration"/>; nothing in <c>Sync/</c> changes.
/// </summary>
public interface IContactSourceFactory
{
    SourceType Type { get; }

    /// <param name="source">The settings every source has.</param>
    /// <param name="section">The source's own configuration section (<c>ContactSync:Sources:N</c>), for the settings of its type.</param>
    IContactSource Create(SourceOptions source, IConfigurationSection section);

    /// <summary>What is wrong with the settings of this type in <paramref name="section"/>: (key below the section, problem). Checked at start.</summary>
    IEnumerable<(string Key, string Problem)> Validate(IConfigurationSection section);
}
