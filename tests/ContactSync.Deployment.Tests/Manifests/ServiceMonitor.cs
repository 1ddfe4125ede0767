using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ContactSync.Deployment.Tests.Manifests;

/// <summary>
/// The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), reduced to the fields the manifests use: the
/// client library has no model for it, and strict loading refuses any field this model does not name.
/// </summary>
internal sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ServiceMonitorSpec? Spec { get; set; }
}

internal sealed class ServiceMonitorSpec
{
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("endpoints")]
    public List<ServiceMonitorEndpoint>? Endpoints { get; set; }
}

internal sealed class ServiceMonitorEndpoint
{
    [JsonPropertyName("port")]
    public string? Port { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("interval")]
    public string? Interval { get; set; }

    [JsonPropertyName("scrapeTimeout")]
    public string? ScrapeTimeout { get; set; }
}
