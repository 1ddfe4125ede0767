using ContactSync.Core.Configuration;
using ContactSync.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard;

internal sealed class DashboardCredentialsValidator : IValidateOptions<DashboardCredentials>
{
    public const int MinimumPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, DashboardCredentials options)
    {
        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        var problems = new List<string>();

        if (hasUser && !hasPassword)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Password)), "is required when Dashboard:Username is set"));
        }
        else if (hasPassword && !hasUser)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Username)), "is required when Dashboard:Password is set"));
        }

        if (hasPassword && options.Password!.Length < MinimumPasswordLength)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Password)), $"must be at least {MinimumPasswordLength} characters"));
        }

        if (Placeholder.IsIn(options.Username))
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Username)), Placeholder.Problem));
        }

        if (Placeholder.IsIn(options.Password))
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Password)), Placeholder.Problem));
        }

        if (hasUser && options.Username!.Contains(':', StringComparison.Ordinal))
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Username)), "must not contain ':' (HTTP Basic separates user and password with it)"));
        }

        if (options.FailedLoginsPerMinute is < 1 or > 1000)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.FailedLoginsPerMinute)), "must be between 1 and 1000"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string Key(string property) => ConfigurationKey.Join(DashboardCredentials.SectionName, property);
}
