using ContactSync.Core.Runs;
using ContactSync.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Hangfire;

/// <summary>
/// Hangfire's stop times against each other and against the run's <c>ContactSync:StopGrace</c>: a stopping run lets the
/// calls it has sent finish for that long, and Hangfire must not abandon the job before they have been settled.
/// </summary>
internal sealed class HangfireSettingsValidator(IConfiguration configuration) : IValidateOptions<HangfireSettings>
{
    public ValidateOptionsResult Validate(string? name, HangfireSettings options)
    {
        if (options.StopTimeout >= options.ShutdownTimeout)
        {
            return ValidateOptionsResult.Fail(ConfigurationKey.Describe(
                ConfigurationKey.Join(HangfireSettings.SectionName, nameof(HangfireSettings.StopTimeout)),
                "must be shorter than Hangfire:ShutdownTimeout, or jobs never see their cancellation token"));
        }

        // Read raw: ContactSync's own section is bound and checked by Core; a value it cannot read is reported there.
        var key = ConfigurationKey.Join(ContactSyncOptions.SectionName, nameof(ContactSyncOptions.StopGrace));
        var grace = TimeSpan.TryParse(configuration[key], System.Globalization.CultureInfo.InvariantCulture, out var configured)
            ? configured
            : new ContactSyncOptions().StopGrace;
        var room = options.ShutdownTimeout - options.StopTimeout;
        return grace < room
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(ConfigurationKey.Describe(key, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"must be shorter than Hangfire:ShutdownTimeout less Hangfire:StopTimeout ({room.TotalSeconds:0.#} s), or Hangfire abandons a stopping run before the calls it sent are settled")));
    }
}
