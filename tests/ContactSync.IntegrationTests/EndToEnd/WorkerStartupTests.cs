using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.EndToEnd;

/// <summary>How the worker refuses to start, and with which exit code, when it cannot do its job.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class WorkerStartupTests(PostgresServer postgres)
{
    private const int Fatal = 2;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // A value typed into the wrong key may be a secret, so it is never echoed back; a cron expression is, to
    // show what was read.
    public static TheoryData<string, string?, string, bool> Misconfigurations => new()
    {
        { "ConnectionStrings__ContactSync", null, "ConnectionStrings:ContactSync", false },
        { "Nexudus__BaseUrl", null, "Nexudus:BaseUrl", false },
        { "Nexudus__BaseUrl", "not a url", "Nexudus:BaseUrl", false },
        { "Nexudus__BaseUrl", "https://spaces.nexudus.com/api/", "Nexudus:BaseUrl must be the API host only", false },
        { "Nexudus__Password", "CHANGE-ME", "Nexudus:Password is still the example's placeholder", true },
        { "Dashboard__Password", "CHANGE-ME-TOO-LONG", "Dashboard:Password is still the example's placeholder", false },
        { "Dashboard__KeyEncryptionKey", "change_me", "Dashboard:KeyEncryptionKey is still the example's placeholder", false },
        { "Dashboard__Oidc__ClientSecret", "Replace-Me", "Dashboard:Oidc:ClientSecret is still the example's placeholder", false },
        { "Dashboard__PasswordHash", "pbkdf2-sha256$1000$c2FsdA==$aGFzaA==", "Dashboard:PasswordHash must use at least 100000 iterations", false },
        { "Nexudus__Username", null, "Nexudus:Username", false },
        { "Nexudus__Password", null, "Nexudus:Password", false },
        { "Nexudus__WritesPerMinute", "lots", "Nexudus:WritesPerMinute", false },
        { "ContactSync__Sources__0__Name", null, "ContactSync:Sources:0:Name", false },
        { "ContactSync__Sources__0__Type", "Excel", "ContactSync:Sources:0:Type", false },
        { "ContactSync__Sources__0__Path", null, "ContactSync:Sources:0:Path", false },
        { "ContactSync__Sources__0__Schedule", "every morning", "ContactSync:Sources:0:Schedule", true },
        { "ContactSync__StopGrace", "00:00:30", "ContactSync:StopGrace must be shorter than Hangfire:ShutdownTimeout", false },
        { "ContactSync__Sources__0__EmptyValues", "Erase", "ContactSync:Sources:0:EmptyValues", false },
        { "ContactSync__Sources__0__Fields__Mobile", "Ignore", "ContactSync:Sources:0:Fields:Mobile names no ContractContact field", true },
        { "ContactSync__Sources__0__Fields__phone", "Sometimes", "ContactSync:Sources:0:Fields:phone", false },
        { "ContactSync__Sources__0__Fields__FullName", "Ignore", "ContactSync:Sources:0:Fields:FullName cannot be Ignore", true },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task A_missing_or_invalid_key_stops_the_start_with_a_message_naming_it(string variable, string? value, string key, bool echoed)
    {
        var environment = await ValidEnvironmentAsync();
        if (value is null)
        {
            environment.Remove(variable);
        }
        else
        {
            environment[variable] = value;
        }

        string[][] commands = [["run", "--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}"], ["sync-once", "--source", "crm"]];
        foreach (var command in commands)
        {
            await using var worker = new WorkerProcess(environment, command);
            var result = await worker.RunToExitAsync(Deadline);

            Assert.True(result.ExitCode == Fatal, $"{command[0]}: expected exit code {Fatal}, got {result.ExitCode}:\n{result.Output}");
            Assert.Contains(key, result.StandardError, StringComparison.Ordinal);
            Assert.Contains(variable, result.StandardError, StringComparison.Ordinal);
            if (value is not null && !echoed)
            {
                Assert.DoesNotContain(value, result.Output, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("sync-once", "--source", "crm", "--dry-rum")]
    [InlineData("sync-once", "--source", "crm", "--dry-run", "--output", "yaml")]
    [InlineData("sync-once", "--source")]
    [InlineData("migrate", "--force")]
    [InlineData("resync")]
    public async Task An_option_or_command_it_does_not_know_is_an_error_that_runs_nothing(params string[] command)
    {
        var environment = await ValidEnvironmentAsync();

        await using var worker = new WorkerProcess(environment, command);
        var result = await worker.RunToExitAsync(Deadline);

        Assert.True(result.ExitCode == Fatal, $"{string.Join(' ', command)}: expected exit code {Fatal}, got {result.ExitCode}:\n{result.Output}");
        Assert.Contains("--help", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("ContactSync run summary", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(await LedgerExistsAsync(environment), "The command created the ledger: it ran");
    }

    [Fact]
    public async Task Help_lists_the_commands_and_their_exit_codes()
    {
        await using var worker = new WorkerProcess(await ValidEnvironmentAsync(), "--help");
        var result = await worker.RunToExitAsync(Deadline);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sync-once", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("migrate", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("4: the run lost its lease on the source", result.StandardOutput.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_once_exits_2_and_says_why_when_PostgreSQL_is_unreachable()
    {
        var environment = await ValidEnvironmentAsync();
        environment["ConnectionStrings__ContactSync"] = $"Host=127.0.0.1;Port={FreeTcpPort.Next()};Username=contactsync;Database=contactsync";

        await using var worker = new WorkerProcess(environment, "sync-once", "--source", "crm");
        var result = await worker.RunToExitAsync(Deadline);

        Assert.True(result.ExitCode == Fatal, result.Output);
        Assert.Contains("Database error", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_once_exits_2_for_a_source_that_is_not_configured()
    {
        await using var worker = new WorkerProcess(await ValidEnvironmentAsync(), "sync-once", "--source", "erp");
        var result = await worker.RunToExitAsync(Deadline);

        Assert.True(result.ExitCode == Fatal, result.Output);
        Assert.Contains("erp", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("crm", result.StandardError, StringComparison.Ordinal);
    }

    private Task<Dictionary<string, string>> ValidEnvironmentAsync() => IdleWorkerEnvironment.CreateAsync(postgres, "crm");

    private static async Task<bool> LedgerExistsAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var connection = new Npgsql.NpgsqlConnection(environment["ConnectionStrings__ContactSync"]);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select to_regclass('public.sync_records') is not null", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
