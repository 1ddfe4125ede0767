using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests;

public sealed class InfrastructureSandboxTests
{
    [Fact]
    public async Task Sandbox_starts_on_a_loopback_port_answers_over_http_and_stops_on_dispose()
    {
        var sandbox = TestApps.Sandbox();
        await using (sandbox)
        {
            await sandbox.StartAsync();

            Assert.Equal("127.0.0.1", sandbox.BaseUrl.Host);
            Assert.Contains("Healthy", await sandbox.Client.GetStringAsync("_sandbox/health"), StringComparison.Ordinal);
        }

        Assert.True(sandbox.Process.HasExited);
    }

    [Fact]
    public async Task Sandbox_that_dies_during_startup_fails_fast_with_its_output()
    {
        // The later --urls wins, and Kestrel cannot bind it.
        await using var sandbox = TestApps.Sandbox(["--urls", "not-a-url"]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.StartAsync());

        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-url", sandbox.Process.StandardOutput + sandbox.Process.StandardError, StringComparison.Ordinal);
    }
}
