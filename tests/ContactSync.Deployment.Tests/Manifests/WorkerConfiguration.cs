using System.Reflection;
using System.Text.RegularExpressions;
using ContactSync.Core;
using ContactSync.Core.Alerts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Runs;
using ContactSync.Core.Security;
using ContactSync.Worker.Configuration;
using ContactSync.Worker.Dashboard;
using ContactSync.Worker.Database;
using ContactSync.Worker.Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ContactSync.Deployment.Tests.Manifests;

/// <summary>
/// The worker's own view of a set of environment variables: which of them it binds, and what its start-up validation
/// says of their values. Built with the worker's registrations over its shipped appsettings.json, so the manifests are
/// judged by the same rules as a pod at start.
/// </summary>
internal static class WorkerConfiguration
{
    /// <summary>Stand-ins for the Secret no overlay holds: real-looking values, none of them the example's placeholder.</summary>
    public static readonly IReadOnlyDictionary<string, string> SecretStandIns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ConnectionStrings__ContactSync"] = "Host=postgres.example.internal;Port=5432;Database=contactsync;Username=contactsync;Password=stand-in",
        ["Nexudus__Username"] = "integration@example.com",
        ["Nexudus__Password"] = "stand-in-password",
        ["Dashboard__Username"] = "operator",
        ["Dashboard__PasswordHash"] = PasswordHash.Create("stand-in-long-enough", PasswordHash.MinimumIterations).ToString(),
        ["Dashboard__KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        ["Dashboard__Oidc__ClientSecret"] = "stand-in-client-secret",
        ["Alerts__WebhookUrl"] = "https://alerts.example.com/contactsync",
        ["Alerts__WebhookSecret"] = "stand-in-webhook-secret-long-enough",
        ["Alerts__SlackWebhookUrl"] = "https://hooks.slack.com/services/T0000/B0000/stand-in",
    };

    private static readonly (string Section, Type Options)[] Sections =
    [
        (NexudusOptions.SectionName, typeof(NexudusOptions)),
        (ContactSyncOptions.SectionName, typeof(ContactSyncOptions)),
        (HangfireSettings.SectionName, typeof(HangfireSettings)),
        (DashboardCredentials.SectionName, typeof(DashboardCredentials)),
        (AlertOptions.SectionName, typeof(AlertOptions)),
    ];

    // Read by the host and the logging pipeline rather than by an options class of ours.
    private static readonly Regex OtherKnownKeys = new(
        @"^(ConnectionStrings:ContactSync|Serilog:MinimumLevel:(Default|Override:[\w.]+)|ASPNETCORE_\w+|DOTNET_\w+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly IReadOnlyList<Regex> BoundKeys = [.. Sections.SelectMany(section => Patterns(section.Section, section.Options))];

    /// <summary>True when the worker binds the environment variable (keys are case-insensitive, as the binder's are).</summary>
    public static bool Binds(string variable)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        return OtherKnownKeys.IsMatch(key) || BoundKeys.Any(pattern => pattern.IsMatch(key));
    }

    /// <summary>Builds the worker's services over these variables and runs its start-up validation.</summary>
    /// <returns>Each problem as the worker prints it, and the options it would run with when there is none.</returns>
    public static (IReadOnlyList<string> Problems, IServiceProvider? Services) Validate(IReadOnlyDictionary<string, string> variables)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Path.GetDirectoryName(RepositoryLayout.AppDll("ContactSync.Worker"))!,
        });
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: false)
            .AddInMemoryCollection(variables.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        builder.AddContactSyncBasics();
        var host = builder.Build();
        try
        {
            host.Services.ValidateConfiguration();
            _ = host.Services.GetRequiredService<IOptions<HangfireSettings>>().Value;
            return ([], host.Services);
        }
        catch (Exception e) when (ConfigurationProblems.TryDescribe(e, out var problems))
        {
            return (problems, null);
        }
    }

    private static IEnumerable<Regex> Patterns(string prefix, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            var key = $"{Regex.Escape(prefix)}:{Regex.Escape(property.Name)}";

            // Lists of settings (sources, dashboard users) by index, and nested sections (Dashboard:Oidc) by their keys.
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                && IsSettings(property.PropertyType.GetGenericArguments()[0]))
            {
                foreach (var nested in Patterns($"{prefix}:{property.Name}:N", property.PropertyType.GetGenericArguments()[0]))
                {
                    yield return new Regex(nested.ToString().Replace(":N:", @":\d+:", StringComparison.Ordinal), nested.Options);
                }

                continue;
            }

            if (IsSettings(property.PropertyType))
            {
                foreach (var nested in Patterns($"{prefix}:{property.Name}", property.PropertyType))
                {
                    yield return nested;
                }

                continue;
            }

            yield return new Regex($"^{key}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }

    private static bool IsSettings(Type type) => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("ContactSync.", StringComparison.Ordinal) == true;
}
