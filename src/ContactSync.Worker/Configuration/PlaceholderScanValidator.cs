using ContactSync.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Configuration;

/// <summary>
/// Refuses a start with any value of the worker's own sections still holding a placeholder of the example secret
/// (<c>CHANGE-ME</c>, or an obvious variant such as <c>change_me</c>), naming the key and never the value. One scan
/// over the configuration covers every key, those added later included, where a check per option would miss some.
/// </summary>
internal sealed class PlaceholderScanValidator(IConfiguration configuration) : IValidateOptions<PlaceholderScan>
{
    private static readonly string[] Sections = ["ConnectionStrings", "Nexudus", "ContactSync", "Dashboard", "Hangfire", "Logging"];

    public ValidateOptionsResult Validate(string? name, PlaceholderScan options)
    {
        var problems = Sections
            .SelectMany(section => configuration.GetSection(section).AsEnumerable())
            .Where(pair => Placeholder.IsIn(pair.Value))
            .Select(pair => ConfigurationKey.Describe(pair.Key, Placeholder.Problem))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
