using ContactSync.Core.Alerts;
using ContactSync.Core.Runs;
using ContactSync.Worker.Alerts;
using ContactSync.Worker.Dashboard;
using ContactSync.Worker.Database;
using ContactSync.Worker.Hangfire;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Configuration;

public static class ConfigurationRegistration
{
    /// <summary>
    /// The worker's own options sections, bound and validated at start: a misconfigured worker never runs. Core binds
    /// its own (<c>AddContactSyncCore</c>); the worker adds the checks of the sources that need the configuration itself.
    /// </summary>
    public static IHostApplicationBuilder AddContactSyncConfiguration(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ConnectionStringOptions, ConnectionStringOptionsValidator>(ConnectionStringOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<ContactSyncOptions>, ContactSyncOptionsValidator>();
        builder.AddValidatedOptions<HangfireSettings, HangfireSettingsValidator>(HangfireSettings.SectionName);
        builder.AddValidatedOptions<DashboardCredentials, DashboardCredentialsValidator>(DashboardCredentials.SectionName);
        builder.Services.AddOptions<PlaceholderScan>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlaceholderScan>, PlaceholderScanValidator>();
        builder.AddValidatedOptions<AlertOptions, AlertOptionsValidator>(AlertOptions.SectionName);
        return builder;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
