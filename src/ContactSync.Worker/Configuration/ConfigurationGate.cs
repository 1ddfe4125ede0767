using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Configuration;

public static class ConfigurationGate
{
    /// <summary>
    /// Runs the start-up options validation now, before anything resolves a service built from a bad value, so
    /// every command fails the same way: an <see cref="OptionsValidationException"/> the command line turns into
    /// one line per problem.
    /// </summary>
    public static void ValidateConfiguration(this IServiceProvider services)
        => services.GetService<IStartupValidator>()?.Validate();
}
