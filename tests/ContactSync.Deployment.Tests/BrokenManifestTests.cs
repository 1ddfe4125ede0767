using System.Text.RegularExpressions;
using ContactSync.Deployment.Tests.Manifests;

namespace ContactSync.Deployment.Tests;

/// <summary>
/// The checks catch what they are for: each case breaks the rendered production overlay in one way, as a careless
/// edit would, and expects the problem it must report. A check that passed a broken manifest would fail here.
/// </summary>
public sealed class BrokenManifestTests
{
    public static TheoryData<string, string, string, string> Breakages => new()
    {
        // what, pattern to replace (first occurrence), replacement, the problem expected
        { "a misspelt field", "readinessProbe:", "readynessProbe:", "readynessProbe" },
        { "a container without an image", @"\n\s+image: registry\.example\.com/contactsync-worker:1\.0\.0", "", "without a name or an image" },
        { "a probe on a path the worker does not serve", "path: /health/ready", "path: /healthz", "readinessProbe asks /healthz" },
        { "metrics scraped where there are none", "path: /metrics", "path: /stats", "scrapes /stats" },
        { "a container port the image does not listen on", "containerPort: 8080", "containerPort: 80", "the image listens on 8080" },
        { "a Service aimed at a port that does not exist", "targetPort: http", "targetPort: web", "targets 'web'" },
        { "a misspelt configuration key", "Nexudus__WritesPerDay:", "Nexudus__WritesPerDays:", "sets Nexudus__WritesPerDays, which the worker does not read" },
        { "a base URL with a path", "Nexudus__BaseUrl: https://spaces.nexudus.com", "Nexudus__BaseUrl: https://spaces.nexudus.com/api/", "Nexudus:BaseUrl must be the API host only" },
        { "a value the worker cannot read", @"Nexudus__WritesPerDay: ""5000""", @"Nexudus__WritesPerDay: ""lots""", "Nexudus:WritesPerDay has a value that cannot be read" },
        { "a grace period shorter than the host's shutdown", "terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 20", "shutdown timeouts do not nest" },
        { "Hangfire waiting longer than the grace period allows", @"Hangfire__ShutdownTimeout: ""00:00:20""", @"Hangfire__ShutdownTimeout: ""00:00:45""", "Hangfire:ShutdownTimeout must be between" },
        { "alerts linking to a host the Ingress does not serve", "Alerts__DashboardUrl: https://contactsync.example.com", "Alerts__DashboardUrl: https://dashboard.example.com", "Alerts__DashboardUrl 'https://dashboard.example.com' is not https on the Ingress host" },
        { "a writable root file system", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "is not hardened" },
        { "a pod allowed to run as root", "runAsNonRoot: true", "runAsNonRoot: false", "runAsNonRoot is not true" },
        { "a Secret applied with the manifests", "apiVersion: v1\nkind: Namespace", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: contactsync-secrets\n  namespace: contactsync\nstringData:\n  Nexudus__Password: x\n---\napiVersion: v1\nkind: Namespace", "renders a Secret" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Reports(string what, string pattern, string replacement, string expected)
    {
        var rendered = await Kustomize.RenderAsync("overlays/prod");
        var broken = new Regex(pattern).Replace(rendered, replacement.Replace("$", "$$", StringComparison.Ordinal), 1);
        Assert.False(broken == rendered, $"The case '{what}' no longer matches the rendered overlay: update its pattern");

        var problems = Problems(broken);

        Assert.True(problems.Any(problem => problem.Contains(expected, StringComparison.Ordinal)),
            $"'{what}' was not reported as '{expected}'. Reported:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task A_kustomization_that_cannot_render_fails_with_kustomizes_own_reason()
    {
        var overlay = Path.Combine(RepositoryLayout.Root, "k8s", "overlays", $"broken-{Guid.NewGuid():N}");
        Directory.CreateDirectory(overlay);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(overlay, "kustomization.yaml"), "resources:\n  - ../../base\n  - missing.yaml\n");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Kustomize.RenderAsync($"overlays/{Path.GetFileName(overlay)}"));

            Assert.Contains("missing.yaml", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    /// <summary>What strict loading and the checks say of the YAML: a load failure counts as a problem.</summary>
    private static IReadOnlyList<string> Problems(string yaml)
    {
        try
        {
            return ManifestChecks.Problems(Manifest.Load("prod (broken)", yaml), ProductFacts.Read());
        }
        catch (InvalidDataException e)
        {
            return [e.Message];
        }
    }
}
