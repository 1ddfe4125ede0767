using ContactSync.Core;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Configuration;

/// <summary>
/// What annotations cannot say about <c>ContactSync:Sources</c>: there is one, names are unique, each is complete for
/// its type and has a schedule Hangfire accepts. Sources are read from the raw configuration, not the bound list,
/// because the binder silently drops a list item it cannot convert (an unknown <c>Type</c>), which would shift the
/// indexes and hide the mistake.
/// </summary>
internal sealed class ContactSyncOptionsValidator(IConfiguration configuration, IEnumerable<IContactSourceFactory> factories) : IValidateOptions<ContactSyncOptions>
{
    private static readonly string SourcesKey = ConfigurationKey.Join(ContactSyncOptions.SectionName, nameof(ContactSyncOptions.Sources));

    public ValidateOptionsResult Validate(string? name, ContactSyncOptions options)
    {
        var sections = configuration.GetSection(SourcesKey).GetChildren().ToList();
        if (sections.Count == 0)
        {
            return ValidateOptionsResult.Fail(ConfigurationKey.Describe(
                ConfigurationKey.Join(SourcesKey, "0", nameof(SourceOptions.Name)),
                "is required: configure at least one source"));
        }

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            var prefix = ConfigurationKey.Join(SourcesKey, section.Key);
            var rawType = section[nameof(SourceOptions.Type)];
            SourceType? type = Enum.TryParse<SourceType>(rawType, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            var source = new SourceOptions
            {
                Name = section[nameof(SourceOptions.Name)] ?? "",
                Type = type,
                Path = section[nameof(SourceOptions.Path)],
                Schedule = section[nameof(SourceOptions.Schedule)] ?? "",
            };

            problems.AddRange(AttributeRules.Check(source, prefix)
                .Where(problem => type is not null || !problem.StartsWith(ConfigurationKey.Join(prefix, nameof(SourceOptions.Type)) + " ", StringComparison.Ordinal)));
            if (type is null)
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Type)),
                    string.IsNullOrWhiteSpace(rawType)
                        ? $"is required: one of {string.Join(", ", Enum.GetNames<SourceType>())}"
                        : $"must be one of: {string.Join(", ", Enum.GetNames<SourceType>())}"));
            }

            if (!string.IsNullOrEmpty(source.Name) && !seen.Add(source.Name))
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Name)), $"repeats the source name '{source.Name}'; names must be unique"));
            }

            // Each type checks its own settings (a file's path, an API's key).
            if (factories.FirstOrDefault(factory => factory.Type == type) is { } factory)
            {
                problems.AddRange(factory.Validate(section).Select(problem => ConfigurationKey.Describe(ConfigurationKey.Join(prefix, problem.Key), problem.Problem)));
            }

            problems.AddRange(FieldSettings.Check(section).Select(problem => ConfigurationKey.Describe(ConfigurationKey.Join(prefix, problem.Key), problem.Problem)));

            if (!string.IsNullOrWhiteSpace(source.Schedule) && !CronSchedule.IsValid(source.Schedule))
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Schedule)), $"is not a valid cron expression: '{source.Schedule}'"));
            }
        }

        if (problems.Count == 0 && options.Sources.Count != sections.Count)
        {
            problems.Add(ConfigurationKey.Describe(SourcesKey, "has entries that could not be read"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
