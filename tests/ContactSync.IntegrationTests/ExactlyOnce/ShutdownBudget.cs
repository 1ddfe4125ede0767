using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// The shutdown timeouts as the product ships them, read from where they live rather than restated: the pod's
/// grace period and the ConfigMap (which wins in the cluster) from the rendered production overlay, the host's from
/// the worker's own assembly, and Hangfire's from the ConfigMap or else the worker's appsettings.json.
/// </summary>
internal sealed record ShutdownBudget(TimeSpan HangfireStop, TimeSpan HangfireShutdown, TimeSpan Host, TimeSpan PodGrace)
{
    public static async Task<ShutdownBudget> ReadAsync()
    {
        var manifests = await Kustomize.RenderAsync("overlays/prod");
        var grace = Match(manifests, @"^\s*terminationGracePeriodSeconds:\s*(\d+)\s*$", "terminationGracePeriodSeconds");
        var configMap = manifests;
        var appSettings = ReadHangfireSection();
        return new ShutdownBudget(
            HangfireStop: Setting(configMap, appSettings, "StopTimeout"),
            HangfireShutdown: Setting(configMap, appSettings, "ShutdownTimeout"),
            Host: ReadHostShutdownTimeout(),
            PodGrace: TimeSpan.FromSeconds(int.Parse(grace, CultureInfo.InvariantCulture)));
    }

    private static TimeSpan Setting(string configMap, JsonElement appSettings, string key)
    {
        var fromConfigMap = Regex.Match(configMap, $@"^\s*Hangfire__{key}:\s*""?([0-9:.]+)""?\s*$", RegexOptions.Multiline);
        var text = fromConfigMap.Success ? fromConfigMap.Groups[1].Value : appSettings.GetProperty(key).GetString()!;
        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }

    private static JsonElement ReadHangfireSection()
    {
        var workerDirectory = Path.GetDirectoryName(RepositoryLayout.AppDll("ContactSync.Worker"))!;
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(workerDirectory, "appsettings.json")));
        return document.RootElement.GetProperty("Hangfire").Clone();
    }

    /// <summary>The host's timeout is set in code; it is read from the built worker, in a load context of its own.</summary>
    private static TimeSpan ReadHostShutdownTimeout()
    {
        var dll = RepositoryLayout.AppDll("ContactSync.Worker");
        var context = new WorkerLoadContext(dll);
        try
        {
            var field = context.LoadFromAssemblyPath(dll)
                .GetType("ContactSync.Worker.Hangfire.HangfireRegistration", throwOnError: true)!
                .GetField("HostShutdownTimeout", BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException("HangfireRegistration.HostShutdownTimeout is gone; update this test to where the host's timeout is set.");
            return (TimeSpan)field.GetValue(null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Match(string text, string pattern, string what)
    {
        var match = Regex.Match(text, pattern, RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No {what} found.");
    }

    private sealed class WorkerLoadContext(string dll) : AssemblyLoadContext(isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(dll);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
