using System.Globalization;
using System.Text.RegularExpressions;
using ContactSync.Worker.Hangfire;
using ContactSync.Worker.Health;
using ContactSync.Worker.Metrics;

namespace ContactSync.Deployment.Tests.Manifests;

/// <summary>What the code and the image say, that the manifests must agree with.</summary>
internal sealed record ProductFacts(string LivePath, string ReadyPath, string MetricsPath, int ImagePort, TimeSpan HostShutdown)
{
    public static ProductFacts Read() => new(
        HealthRegistration.LivePath,
        HealthRegistration.ReadyPath,
        MetricsRegistration.Path,
        ImagePortFromDockerfile(),
        HangfireRegistration.HostShutdownTimeout);

    // The image listens where its ASPNETCORE_URLS says, e.g. ASPNETCORE_URLS=http://0.0.0.0:8080.
    private static int ImagePortFromDockerfile()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Dockerfile"));
        var match = Regex.Match(dockerfile, @"ASPNETCORE_URLS=https?://[^:\s]+:(?<port>\d+)");
        return match.Success
            ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The Dockerfile sets no ASPNETCORE_URLS with a port; the manifests' ports cannot be checked.");
    }
}
