using System.Globalization;
using ContactSync.Worker.Hangfire;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactSync.Deployment.Tests.Manifests;

/// <summary>
/// Everything a rendered overlay must hold for a pod to start and be reachable as designed: required fields, the
/// hardening the architecture asks for, references that resolve, and agreement with the code (probe and metrics
/// paths, ports, configuration keys and values, nested shutdown timeouts). Each problem names the object and field.
/// </summary>
internal static class ManifestChecks
{
    public const string WorkerName = "contactsync-worker";
    public const string MigrateName = "contactsync-migrate";
    public const string SecretName = "contactsync-secrets";

    public static IReadOnlyList<string> Problems(Manifest manifest, ProductFacts facts)
    {
        var problems = new List<string>();
        void Problem(string what) => problems.Add($"{manifest.Name}: {what}");

        var namespaces = manifest.All<V1Namespace>().ToList();
        if (namespaces.Count != 1)
        {
            Problem($"expected one Namespace, found {namespaces.Count}");
        }

        var namespaceName = namespaces.FirstOrDefault()?.Metadata.Name;
        foreach (var item in manifest.Objects)
        {
            var name = $"{item.Kind}/{item.Metadata?.Name}";
            if (string.IsNullOrEmpty(item.Metadata?.Name))
            {
                Problem($"a {item.Kind} has no metadata.name");
            }
            else if (item is not V1Namespace && item.Metadata.NamespaceProperty != namespaceName)
            {
                Problem($"{name} is in namespace '{item.Metadata.NamespaceProperty}', not the overlay's '{namespaceName}'");
            }
        }

        if (manifest.All<V1Secret>().Any())
        {
            Problem("renders a Secret: secrets are created outside the manifests (k8s/examples/secret.example.yaml shows the shape)");
        }

        var deployment = manifest.All<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == WorkerName);
        var job = manifest.All<V1Job>().SingleOrDefault(j => j.Metadata.Name == MigrateName);
        var service = manifest.All<V1Service>().SingleOrDefault(s => s.Metadata.Name == WorkerName);
        if (deployment is null || job is null || service is null)
        {
            Problem($"expected Deployment, Service '{WorkerName}' and Job '{MigrateName}'");
            return problems;
        }

        CheckWorkerDeployment(deployment, facts, Problem);
        CheckPod($"Job/{MigrateName}", job.Spec.Template, Problem);
        CheckReferences(manifest, deployment, job, Problem);
        CheckService(manifest, deployment, service, facts, Problem);
        CheckConfiguration(manifest, deployment, facts, Problem);
        return problems;
    }

    private static void CheckWorkerDeployment(V1Deployment deployment, ProductFacts facts, Action<string> problem)
    {
        const string Name = "Deployment/" + WorkerName;
        var spec = deployment.Spec;
        if (spec.Selector?.MatchLabels is not { Count: > 0 } selector || !Selects(selector, spec.Template.Metadata?.Labels))
        {
            problem($"{Name} spec.selector does not select its own pod template");
        }

        if (spec.Template.Spec.TerminationGracePeriodSeconds is null)
        {
            problem($"{Name} has no terminationGracePeriodSeconds");
        }

        CheckPod(Name, spec.Template, problem);
        var container = spec.Template.Spec.Containers.FirstOrDefault();
        if (container is null)
        {
            return;
        }

        var ports = container.Ports ?? [];
        var http = ports.FirstOrDefault(port => port.Name == "http");
        if (http is null)
        {
            problem($"{Name} container '{container.Name}' has no port named http");
        }
        else if (http.ContainerPort != facts.ImagePort)
        {
            problem($"{Name} container port http is {http.ContainerPort}, but the image listens on {facts.ImagePort} (Dockerfile ASPNETCORE_URLS)");
        }

        CheckProbe(Name, "startupProbe", container.StartupProbe, facts.LivePath, ports, problem);
        CheckProbe(Name, "livenessProbe", container.LivenessProbe, facts.LivePath, ports, problem);
        CheckProbe(Name, "readinessProbe", container.ReadinessProbe, facts.ReadyPath, ports, problem);
    }

    private static void CheckProbe(string owner, string field, V1Probe? probe, string path, IList<V1ContainerPort> ports, Action<string> problem)
    {
        if (probe?.HttpGet is not { } get)
        {
            problem($"{owner} has no HTTP {field}");
            return;
        }

        if (get.Path != path)
        {
            problem($"{owner} {field} asks {get.Path}, but the worker answers that probe at {path}");
        }

        if (!PortExists(get.Port, ports))
        {
            problem($"{owner} {field} port '{get.Port?.Value}' is not a port of the container");
        }
    }

    /// <summary>The hardening every pod of the product gets: non-root, read-only root, no privilege, limits.</summary>
    private static void CheckPod(string owner, V1PodTemplateSpec template, Action<string> problem)
    {
        var pod = template.Spec;
        if (pod.SecurityContext?.RunAsNonRoot != true)
        {
            problem($"{owner} pod securityContext.runAsNonRoot is not true");
        }

        if (pod.AutomountServiceAccountToken != false)
        {
            problem($"{owner} mounts a service account token it has no use for");
        }

        var volumes = (pod.Volumes ?? []).Select(volume => volume.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var container in pod.Containers ?? [])
        {
            var where = $"{owner} container '{container.Name}'";
            if (string.IsNullOrEmpty(container.Name) || string.IsNullOrEmpty(container.Image))
            {
                problem($"{owner} has a container without a name or an image");
            }
            else if (!container.Image.Contains('/', StringComparison.Ordinal) || !container.Image.Contains(':', StringComparison.Ordinal))
            {
                problem($"{where} image '{container.Image}' is not set to a registry and tag (the overlay's images: sets it)");
            }

            var security = container.SecurityContext;
            if (security?.ReadOnlyRootFilesystem != true || security.AllowPrivilegeEscalation != false
                || security.Capabilities?.Drop?.Contains("ALL") != true || security.Privileged == true)
            {
                problem($"{where} is not hardened (readOnlyRootFilesystem, allowPrivilegeEscalation: false, capabilities drop ALL, not privileged)");
            }

            if (container.Resources?.Limits?.ContainsKey("memory") != true || container.Resources.Requests?.ContainsKey("memory") != true)
            {
                problem($"{where} has no memory request and limit");
            }

            foreach (var mount in container.VolumeMounts ?? [])
            {
                if (!volumes.Contains(mount.Name))
                {
                    problem($"{where} mounts '{mount.Name}', which is not a volume of the pod");
                }
            }
        }
    }

    private static void CheckReferences(Manifest manifest, V1Deployment deployment, V1Job job, Action<string> problem)
    {
        var configMaps = manifest.All<V1ConfigMap>().Select(map => map.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var claims = manifest.All<V1PersistentVolumeClaim>().Select(claim => claim.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (owner, pod) in new[] { ($"Deployment/{WorkerName}", deployment.Spec.Template.Spec), ($"Job/{MigrateName}", job.Spec.Template.Spec) })
        {
            foreach (var source in pod.Containers.SelectMany(container => container.EnvFrom ?? []))
            {
                if (source.ConfigMapRef is { } map && !configMaps.Contains(map.Name))
                {
                    problem($"{owner} takes its environment from ConfigMap '{map.Name}', which the overlay does not render");
                }

                if (source.SecretRef is { } secret && secret.Name != SecretName)
                {
                    problem($"{owner} takes secrets from '{secret.Name}'; the documented Secret is '{SecretName}'");
                }
            }

            foreach (var volume in pod.Volumes ?? [])
            {
                if (volume.ConfigMap is { } map && !configMaps.Contains(map.Name))
                {
                    problem($"{owner} volume '{volume.Name}' uses ConfigMap '{map.Name}', which the overlay does not render");
                }

                if (volume.PersistentVolumeClaim is { } claim && !claims.Contains(claim.ClaimName))
                {
                    problem($"{owner} volume '{volume.Name}' claims '{claim.ClaimName}', which the overlay does not render");
                }
            }
        }
    }

    private static void CheckService(Manifest manifest, V1Deployment deployment, V1Service service, ProductFacts facts, Action<string> problem)
    {
        var podLabels = deployment.Spec.Template.Metadata?.Labels;
        var containerPorts = deployment.Spec.Template.Spec.Containers.SelectMany(container => container.Ports ?? []).ToList();
        var servicePorts = service.Spec.Ports ?? [];
        if (!Selects(service.Spec.Selector, podLabels))
        {
            problem($"Service/{WorkerName} selector does not select the worker's pods");
        }

        foreach (var port in servicePorts.Where(port => !PortExists(port.TargetPort, containerPorts)))
        {
            problem($"Service/{WorkerName} port '{port.Name}' targets '{port.TargetPort?.Value}', which is not a container port");
        }

        foreach (var ingress in manifest.All<V1Ingress>())
        {
            if (ingress.Spec.Tls is not { Count: > 0 })
            {
                problem($"Ingress/{ingress.Metadata.Name} has no TLS: the dashboards use HTTP Basic authentication");
            }

            var backends = ingress.Spec.Rules.SelectMany(rule => rule.Http?.Paths ?? []).Select(path => path.Backend.Service);
            foreach (var backend in backends)
            {
                if (backend.Name != WorkerName || !servicePorts.Any(port => port.Name == backend.Port?.Name || port.Port == backend.Port?.Number))
                {
                    problem($"Ingress/{ingress.Metadata.Name} routes to {backend.Name}:{backend.Port?.Name ?? backend.Port?.Number?.ToString(CultureInfo.InvariantCulture)}, which is not a port of Service/{WorkerName}");
                }
            }
        }

        var monitors = manifest.All<ServiceMonitor>().ToList();
        if (monitors.Count == 0)
        {
            problem("has no ServiceMonitor for the worker's metrics");
        }

        foreach (var monitor in monitors)
        {
            if (!Selects(monitor.Spec?.Selector?.MatchLabels, service.Metadata.Labels))
            {
                problem($"ServiceMonitor/{monitor.Metadata.Name} selector does not select Service/{WorkerName}");
            }

            foreach (var endpoint in monitor.Spec?.Endpoints ?? [])
            {
                if (endpoint.Path != facts.MetricsPath)
                {
                    problem($"ServiceMonitor/{monitor.Metadata.Name} scrapes {endpoint.Path}, but the worker serves metrics at {facts.MetricsPath}");
                }

                if (!servicePorts.Any(port => port.Name == endpoint.Port))
                {
                    problem($"ServiceMonitor/{monitor.Metadata.Name} scrapes port '{endpoint.Port}', which is not a port of Service/{WorkerName}");
                }
            }
        }

        if (!manifest.All<V1PodDisruptionBudget>().Any(budget => Selects(budget.Spec.Selector?.MatchLabels, podLabels)))
        {
            problem("has no PodDisruptionBudget selecting the worker's pods");
        }

        var policies = manifest.All<V1NetworkPolicy>().ToList();
        if (!policies.Any(policy => policy.Spec.PolicyTypes?.Contains("Egress") == true && Selects(policy.Spec.PodSelector?.MatchLabels, podLabels)))
        {
            problem("has no NetworkPolicy restricting the worker's egress");
        }

        foreach (var port in policies.SelectMany(policy => policy.Spec.Ingress ?? []).SelectMany(rule => rule.Ports ?? []))
        {
            if (port.Port?.Value is { } value && !int.TryParse(value, out _) && !containerPorts.Any(container => container.Name == value))
            {
                problem($"a NetworkPolicy admits port '{value}', which is not a port of the worker's container");
            }
        }
    }

    private static void CheckConfiguration(Manifest manifest, V1Deployment deployment, ProductFacts facts, Action<string> problem)
    {
        var container = deployment.Spec.Template.Spec.Containers[0];
        var configMapNames = (container.EnvFrom ?? []).Select(source => source.ConfigMapRef?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in manifest.All<V1ConfigMap>().Where(map => configMapNames.Contains(map.Metadata.Name)))
        {
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
            {
                variables[key] = value;
            }
        }

        foreach (var env in container.Env ?? [])
        {
            variables[env.Name] = env.Value ?? "";
        }

        foreach (var key in variables.Keys.Where(key => !WorkerConfiguration.Binds(key)).Order(StringComparer.Ordinal))
        {
            problem($"sets {key}, which the worker does not read (a misspelt key is silently ignored)");
        }

        // Every alert links into the dashboard: through the Ingress, over TLS, or the links lead nowhere.
        if (variables.TryGetValue("Alerts__DashboardUrl", out var dashboard))
        {
            var hosts = manifest.All<V1Ingress>().SelectMany(ingress => ingress.Spec.Rules ?? []).Select(rule => rule.Host).OfType<string>().ToList();
            if (!Uri.TryCreate(dashboard, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                problem($"Alerts__DashboardUrl '{dashboard}' is not https on the Ingress host ({string.Join(", ", hosts)}): the alerts' links would lead nowhere");
            }
        }

        foreach (var (key, standIn) in WorkerConfiguration.SecretStandIns)
        {
            variables.TryAdd(key, standIn);
        }

        var (invalid, services) = WorkerConfiguration.Validate(variables);
        foreach (var line in invalid)
        {
            problem($"the worker would refuse to start: {line}");
        }

        if (services is null)
        {
            return;
        }

        // SIGTERM: Hangfire cancels jobs after StopTimeout and waits ShutdownTimeout for them, inside the host's shutdown
        // timeout, inside the pod's grace period. Each layer has to finish before the next one kills it.
        var hangfire = services.GetRequiredService<IOptions<HangfireSettings>>().Value;
        var grace = TimeSpan.FromSeconds(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30);
        if (!(hangfire.StopTimeout < hangfire.ShutdownTimeout && hangfire.ShutdownTimeout < facts.HostShutdown && facts.HostShutdown < grace))
        {
            problem($"shutdown timeouts do not nest: Hangfire StopTimeout {hangfire.StopTimeout} < ShutdownTimeout {hangfire.ShutdownTimeout} " +
                    $"< host {facts.HostShutdown} < terminationGracePeriodSeconds {grace} must hold");
        }
    }

    private static bool PortExists(IntOrString? port, IEnumerable<V1ContainerPort> ports) => port?.Value is { } value
        && ports.Any(candidate => candidate.Name == value || candidate.ContainerPort.ToString(CultureInfo.InvariantCulture) == value);

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels)
        => selector is { Count: > 0 } && labels is not null
           && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
