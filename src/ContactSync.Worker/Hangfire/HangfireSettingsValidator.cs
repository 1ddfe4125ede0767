using ContactSync.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Hangfire;

internal sealed class HangfireSettingsValidator : IValidateOptions<HangfireSettings>
{
    public ValidateOptionsResult Validate(string? name, HangfireSettings options)
        => options.StopTimeout < options.ShutdownTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(ConfigurationKey.Describe(
                ConfigurationKey.Join(HangfireSettings.SectionName, nameof(HangfireSettings.StopTimeout)),
                "must be shorter than Hangfire:ShutdownTimeout, or jobs never see their cancellation token"));
}
