using ContactSync.Deployment.Tests.Manifests;
using k8s.Models;

namespace ContactSync.Deployment.Tests;

/// <summary>Each overlay renders, loads strictly against the Kubernetes schemas, and agrees with the code.</summary>
public sealed class OverlayTests
{
    public static TheoryData<string> Overlays => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Renders_and_passes_every_check(string overlay)
    {
        var manifest = await Manifest.RenderAsync(overlay);

        var problems = ManifestChecks.Problems(manifest, ProductFacts.Read());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains(manifest.Objects, item => item is ServiceMonitor);
    }

    [Fact]
    public async Task Production_runs_two_replicas_on_different_nodes_and_reads_sources_from_a_read_only_many_volume()
    {
        var manifest = await Manifest.RenderAsync("prod");
        var deployment = manifest.Single<V1Deployment>(ManifestChecks.WorkerName);

        Assert.True(deployment.Spec.Replicas >= 2, $"prod runs {deployment.Spec.Replicas} replica(s)");
        var spread = Assert.Single(deployment.Spec.Template.Spec.TopologySpreadConstraints);
        Assert.Equal(("kubernetes.io/hostname", "DoNotSchedule"), (spread.TopologyKey, spread.WhenUnsatisfiable));
        var sources = deployment.Spec.Template.Spec.Volumes.Single(volume => volume.Name == "sources");
        var claim = manifest.Single<V1PersistentVolumeClaim>(sources.PersistentVolumeClaim.ClaimName);
        Assert.Equal(["ReadOnlyMany"], claim.Spec.AccessModes);
    }

    [Fact]
    public async Task Development_delivers_its_small_sample_source_as_a_ConfigMap()
    {
        var manifest = await Manifest.RenderAsync("dev");
        var deployment = manifest.Single<V1Deployment>(ManifestChecks.WorkerName);

        var sources = deployment.Spec.Template.Spec.Volumes.Single(volume => volume.Name == "sources");
        var map = manifest.Single<V1ConfigMap>(sources.ConfigMap.Name);
        Assert.Contains("key-contacts.csv", map.Data.Keys);
        Assert.StartsWith("source_id,", map.Data["key-contacts.csv"], StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_applied_by_kubectl_apply_on_the_k8s_folder_itself()
    {
        // `kubectl apply -f k8s/` would apply every manifest directly in the folder, the example Secret among them.
        var k8s = Path.Combine(RepositoryLayout.Root, "k8s");

        Assert.Empty(Directory.EnumerateFiles(k8s, "*.yaml").Concat(Directory.EnumerateFiles(k8s, "*.yml")).Concat(Directory.EnumerateFiles(k8s, "*.json")));
        Assert.True(File.Exists(Path.Combine(k8s, "examples", "secret.example.yaml")));
    }
}
