using k8s;
using k8s.Models;

namespace ContactSync.Deployment.Tests.Manifests;

/// <summary>
/// One rendered overlay, loaded strictly into the Kubernetes client's models: a field the schema does not have is an
/// error (a typo such as "readynessProbe" would otherwise be dropped by the API server without a word), and so is a
/// kind the manifests are not expected to hold.
/// </summary>
internal sealed class Manifest
{
    private static readonly Dictionary<string, Type> Kinds = new(StringComparer.Ordinal)
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Secret"] = typeof(V1Secret),
        ["v1/Service"] = typeof(V1Service),
        ["v1/PersistentVolumeClaim"] = typeof(V1PersistentVolumeClaim),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["batch/v1/Job"] = typeof(V1Job),
        ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
    };

    private Manifest(string name, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta>
        => All<T>().Single(item => item.Metadata.Name == name);

    /// <summary>Renders the overlay with kubectl kustomize and loads it.</summary>
    public static async Task<Manifest> RenderAsync(string overlay) => Load(overlay, await Kustomize.RenderAsync($"overlays/{overlay}"));

    /// <summary>Loads rendered YAML; throws on an unknown field or kind, naming it.</summary>
    public static Manifest Load(string name, string yaml)
    {
        var documents = yaml.Split("\n---", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(document => document.Length > 0);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var document in documents)
        {
            try
            {
                var loaded = KubernetesYaml.LoadAllFromString(document, Kinds, strict: true);
                objects.AddRange(loaded.Cast<IKubernetesObject<V1ObjectMeta>>());
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{name}: {Describe(document)} does not load strictly: {e.Message}", e);
            }
        }

        return new Manifest(name, objects);
    }

    private static string Describe(string document)
    {
        string? Field(string key) => document.Split('\n').Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim();
        return $"{Field("kind") ?? "an object"} {Field("name") ?? ""}".Trim();
    }
}
