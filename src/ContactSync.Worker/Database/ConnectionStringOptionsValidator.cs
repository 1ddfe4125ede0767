using ContactSync.Core.Configuration;
using ContactSync.Worker.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Database;

internal sealed class ConnectionStringOptionsValidator : IValidateOptions<ConnectionStringOptions>
{
    private static readonly string Key = ConfigurationKey.Join(ConnectionStringOptions.SectionName, nameof(ConnectionStringOptions.ContactSync));

    public ValidateOptionsResult Validate(string? name, ConnectionStringOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ContactSync))
        {
            return ValidateOptionsResult.Fail(ConfigurationKey.Describe(Key, "is required"));
        }

        if (Placeholder.IsIn(options.ContactSync))
        {
            return ValidateOptionsResult.Fail(ConfigurationKey.Describe(Key, Placeholder.Problem));
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ContactSync);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? ValidateOptionsResult.Fail(ConfigurationKey.Describe(Key, "must name a Host"))
                : ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's parse errors name the keyword, never the value, so the password cannot leak here.
            return ValidateOptionsResult.Fail(ConfigurationKey.Describe(Key, $"is not a valid PostgreSQL connection string: {ex.Message}"));
        }
    }
}
