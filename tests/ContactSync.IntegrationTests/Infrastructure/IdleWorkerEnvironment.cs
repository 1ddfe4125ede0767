namespace ContactSync.IntegrationTests.Infrastructure;

/// <summary>
/// The least configuration a worker starts with: a database, a Nexudus that nothing listens for, and one CSV source
/// scheduled once a year, for tests about the process rather than about a run.
/// </summary>
public static class IdleWorkerEnvironment
{
    public static async Task<Dictionary<string, string>> CreateAsync(PostgresServer postgres, string sourceName = "idle") => new()
    {
        ["ConnectionStrings__ContactSync"] = await postgres.CreateDatabaseAsync("worker"),
        ["Nexudus__BaseUrl"] = $"http://127.0.0.1:{FreeTcpPort.Next()}/",
        ["Nexudus__Username"] = SandboxProcess.DefaultUsername,
        ["Nexudus__Password"] = SandboxProcess.DefaultPassword,
        ["ContactSync__Sources__0__Name"] = sourceName,
        ["ContactSync__Sources__0__Type"] = "Csv",
        ["ContactSync__Sources__0__Path"] = "contacts.csv",
        ["ContactSync__Sources__0__Schedule"] = "0 0 1 1 *",
    };
}
