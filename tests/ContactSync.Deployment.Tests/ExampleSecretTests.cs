using ContactSync.Deployment.Tests.Manifests;
using k8s.Models;

namespace ContactSync.Deployment.Tests;

/// <summary>A deployment made from the example Secret as it is never gets to try its placeholders on real services.</summary>
public sealed class ExampleSecretTests
{
    private const int Fatal = 2;

    [Fact]
    public async Task The_worker_started_with_the_production_ConfigMap_and_the_example_secret_refuses_naming_each_placeholder()
    {
        var environment = await ProductionEnvironmentAsync();
        var secret = Manifest.Load("example secret", await File.ReadAllTextAsync(ExampleSecretPath)).Objects.OfType<V1Secret>().Single();
        foreach (var (key, value) in secret.StringData)
        {
            environment[key] = value;
        }

        string[][] commands = [["run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"], ["migrate"]];
        foreach (var command in commands)
        {
            await using var worker = DotnetApp.Create(RepositoryLayout.AppDll("ContactSync.Worker"), command, environment);
            var result = await worker.RunToExitAsync(TimeSpan.FromMinutes(1));

            Assert.True(result.ExitCode == Fatal, $"{command[0]} exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
            foreach (var key in secret.StringData.Keys)
            {
                var configurationKey = key.Replace("__", ":", StringComparison.Ordinal);
                Assert.Contains($"Configuration error: {configurationKey} is still the example's placeholder", result.StandardError, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_example_secret_sets_exactly_the_secrets_the_worker_reads()
    {
        var secret = Manifest.Load("example secret", await File.ReadAllTextAsync(ExampleSecretPath)).Objects.OfType<V1Secret>().Single();

        Assert.Equal(ManifestChecks.SecretName, secret.Metadata.Name);
        Assert.Equal(WorkerConfiguration.SecretStandIns.Keys.Order(StringComparer.Ordinal), secret.StringData.Keys.Order(StringComparer.Ordinal));
        Assert.All(secret.StringData.Keys, key => Assert.True(WorkerConfiguration.Binds(key), $"{key} is not read by the worker"));
    }

    private static string ExampleSecretPath => Path.Combine(RepositoryLayout.Root, "k8s", "examples", "secret.example.yaml");

    /// <summary>The environment the production Deployment gives the worker from its ConfigMap.</summary>
    private static async Task<Dictionary<string, string>> ProductionEnvironmentAsync()
    {
        var manifest = await Manifest.RenderAsync("prod");
        var deployment = manifest.Single<V1Deployment>(ManifestChecks.WorkerName);
        var mapName = deployment.Spec.Template.Spec.Containers[0].EnvFrom.Select(source => source.ConfigMapRef?.Name).OfType<string>().Single();
        return new Dictionary<string, string>(manifest.Single<V1ConfigMap>(mapName).Data, StringComparer.Ordinal);
    }
}
