using System.Text.RegularExpressions;
using ContactSync.Core;
using ContactSync.Core.Alerts;
using ContactSync.Core.Contracts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Worker.Dashboard;
using ContactSync.Worker.Database;
using ContactSync.Worker.Hangfire;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Configuration;

/// <summary>
/// Turns the exceptions a misconfigured host throws at start into one line per problem, each naming the key,
/// so an operator never has to read a stack trace to fix a setting.
/// </summary>
internal static partial class ConfigurationProblems
{
    public const string Prefix = "Configuration error: ";

    private static readonly Dictionary<string, string> SectionsByOptionsType = new(StringComparer.Ordinal)
    {
        [nameof(ConnectionStringOptions)] = ConnectionStringOptions.SectionName,
        [nameof(DatabasePoolOptions)] = DatabasePoolOptions.SectionName,
        [nameof(ContactSyncOptions)] = ContactSyncOptions.SectionName,
        [nameof(HangfireSettings)] = HangfireSettings.SectionName,
        [nameof(DashboardCredentials)] = DashboardCredentials.SectionName,
        [nameof(NexudusOptions)] = NexudusOptions.SectionName,
        [nameof(ContractResolutionOptions)] = ContractResolutionOptions.SectionName,
        [nameof(Logging.LogFormatOptions)] = Logging.LogFormatOptions.SectionName,
        [nameof(AlertOptions)] = AlertOptions.SectionName,
    };

    public static bool TryDescribe(Exception exception, out IReadOnlyList<string> lines)
    {
        var found = new List<string>();
        Collect(exception, found);
        lines = found.Distinct(StringComparer.Ordinal).Select(line => Prefix + line).ToList();
        return found.Count > 0;
    }

    private static void Collect(Exception exception, List<string> found)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, found);
                }

                break;
            case OptionsValidationException validation:
                found.AddRange(validation.Failures.Select(failure => FromValidationFailure(validation.OptionsType, failure)));
                break;
            case InvalidOperationException when BinderFailure().Match(exception.Message) is { Success: true } match:
                found.Add(FromBinderFailure(match.Groups["key"].Value));
                break;
            default:
                break;
        }
    }

    private static string FromValidationFailure(Type optionsType, string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var section = SectionsByOptionsType.GetValueOrDefault(optionsType.Name, optionsType.Name);
        var key = ConfigurationKey.Join(section, match.Groups["member"].Value.Replace('.', ':'));
        var problem = AnnotationWording().Replace(match.Groups["error"].Value.TrimEnd('.'), "");
        return ConfigurationKey.Describe(key, problem);
    }

    private static string FromBinderFailure(string key)
    {
        // The binder's own message would repeat the value; a value typed into the wrong key may be a secret.
        var problem = key.EndsWith(":" + nameof(SourceOptions.Type), StringComparison.OrdinalIgnoreCase)
            ? $"must be one of: {string.Join(", ", Enum.GetNames<SourceType>())}"
            : key.EndsWith(":" + nameof(Dashboard.Auth.DashboardUserEntry.Role), StringComparison.OrdinalIgnoreCase)
            ? $"must be one of: {string.Join(", ", Enum.GetNames<Dashboard.Auth.DashboardRole>())}"
            : "has a value that cannot be read as the expected type (a number, a duration such as 00:00:05, or true/false)";
        return ConfigurationKey.Describe(key, problem);
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    // "The field X must be between 1 and 32" and "The X field is required" read "must be between 1 and 32" and
    // "is required" once the key is in front.
    [GeneratedRegex(@"^The (field \S+|\S+ field) ")]
    private static partial Regex AnnotationWording();

    [GeneratedRegex(@"^Failed to convert configuration value .*at '(?<key>[^']+)' to type", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
