namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>
/// One sandbox shared by the tests of a class (<c>IClassFixture&lt;SandboxFixture&gt;</c>); tests that
/// count requests or contacts call <see cref="SandboxProcess.ResetAsync"/> first.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxProcess Sandbox { get; } = TestApps.Sandbox();

    public Task InitializeAsync() => Sandbox.StartAsync();

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
