using ContactSync.Core.Sources;
using ContactSync.Core.Sync;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Configuration;

/// <summary>What annotations cannot say about <c>ContactSync:Sources</c>: there is one, names are unique, and each is complete for its type.</summary>
internal sealed class ContactSyncOptionsValidator : IValidateOptions<ContactSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactSyncOptions options)
    {
        var sourcesKey = ConfigurationKey.Join(ContactSyncOptions.SectionName, nameof(ContactSyncOptions.Sources));
        if (options.Sources.Count == 0)
        {
            return ValidateOptionsResult.Fail(ConfigurationKey.Describe(
                ConfigurationKey.Join(sourcesKey, "0", nameof(SourceOptions.Name)),
                "is required: configure at least one source"));
        }

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < options.Sources.Count; index++)
        {
            var source = options.Sources[index];
            var prefix = ConfigurationKey.Join(sourcesKey, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            problems.AddRange(AttributeRules.Check(source, prefix));

            if (!string.IsNullOrEmpty(source.Name) && !seen.Add(source.Name))
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Name)), $"repeats the source name '{source.Name}'; names must be unique"));
            }

            if (source.Type is { } type && !Enum.IsDefined(type))
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Type)), $"must be one of: {string.Join(", ", Enum.GetNames<SourceType>())}"));
            }

            if (source.Type == SourceType.Csv && string.IsNullOrWhiteSpace(source.Path))
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Path)), "is required for a Csv source"));
            }

            if (!string.IsNullOrWhiteSpace(source.Schedule) && !CronSchedule.IsValid(source.Schedule))
            {
                problems.Add(ConfigurationKey.Describe(
                    ConfigurationKey.Join(prefix, nameof(SourceOptions.Schedule)), $"is not a valid cron expression: '{source.Schedule}'"));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
