using System.Diagnostics;

namespace ContactSync.Testing;

/// <summary>Renders a kustomization under k8s/ with <c>kubectl kustomize</c>, as an operator's <c>kubectl apply -k</c> would.</summary>
public static class Kustomize
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <param name="directory">Relative to k8s/, e.g. <c>overlays/prod</c>.</param>
    public static async Task<string> RenderAsync(string directory)
    {
        var path = Path.Combine(RepositoryLayout.Root, "k8s", directory);
        var start = new ProcessStartInfo("kubectl", ["kustomize", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "These checks render k8s/ with kubectl (which includes kustomize) and none is on PATH. Install kubectl " +
                "(the Kubernetes project's apt or yum repository, or its static binary for your platform).", e);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(Deadline);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0
                ? await stdout
                : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {await stderr}");
        }
    }
}
