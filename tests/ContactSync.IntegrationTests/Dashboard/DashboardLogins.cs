using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ContactSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard logins tests configure, in one place: the key-encryption key a hashed or OpenID Connect login needs,
/// hashes made by the worker's own <c>hash-password</c>, and the Sandbox's OpenID Connect provider.
/// </summary>
public static class DashboardLogins
{
    /// <summary>Base64 of 32 bytes: what <c>Dashboard__KeyEncryptionKey</c> needs beside a hashed or OpenID Connect login.</summary>
    public const string KeyEncryptionKey = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    public const string OidcClientId = "contactsync-dashboard";
    public const string OidcClientSecret = "sandbox-client-secret-1";

    /// <summary>The Sandbox's built-in accounts (docs/sandbox.md).</summary>
    public static readonly (string Name, string Password) Viewer = ("viewer", "viewer-password");
    public static readonly (string Name, string Password) Operator = ("operator", "operator-password");
    public static readonly (string Name, string Password) Outsider = ("outsider", "outsider-password");

    /// <summary>Adds the operator's Basic login, as a hash, and the key-encryption key it needs.</summary>
    public static async Task<Dictionary<string, string>> WithHashedLoginAsync(Dictionary<string, string> environment, string username, string password)
    {
        environment["Dashboard__Username"] = username;
        environment["Dashboard__PasswordHash"] = await HashPasswordAsync(password);
        environment["Dashboard__KeyEncryptionKey"] = KeyEncryptionKey;
        return environment;
    }

    /// <summary>Signs in at the Sandbox's provider, with the key-encryption key the cookies need.</summary>
    public static Dictionary<string, string> WithOidc(Dictionary<string, string> environment, SandboxProcess provider)
    {
        environment["Dashboard__Oidc__Authority"] = provider.BaseUrl.ToString();
        environment["Dashboard__Oidc__ClientId"] = OidcClientId;
        environment["Dashboard__Oidc__ClientSecret"] = OidcClientSecret;
        environment["Dashboard__Oidc__Scopes"] = "openid profile roles";
        environment["Dashboard__KeyEncryptionKey"] = KeyEncryptionKey;
        return environment;
    }

    /// <summary>The Sandbox with its provider on, for a worker on each of these ports.</summary>
    public static SandboxProcess ProviderFor(params int[] workerPorts) => TestApps.Sandbox(
    [
        "--oidc-client-id", OidcClientId,
        "--oidc-client-secret", OidcClientSecret,
        "--oidc-redirect-uri", string.Join(',', workerPorts.Select(port => $"http://127.0.0.1:{port}/contactsync/signin-oidc")),
    ]);

    /// <summary>The worker's <c>hash-password</c>, given the password on standard input as a script would.</summary>
    public static async Task<string> HashPasswordAsync(string password)
    {
        var (exitCode, output, error) = await HashPasswordCommandAsync(password + "\n");
        Assert.True(exitCode == 0, $"hash-password exited {exitCode}: {error}");
        return output.Trim();
    }

    public static async Task<(int ExitCode, string Output, string Error)> HashPasswordCommandAsync(string input)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryLayout.AppDll("ContactSync.Worker"))!,
        };
        start.ArgumentList.Add(RepositoryLayout.AppDll("ContactSync.Worker"));
        start.ArgumentList.Add("hash-password");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }

    public static AuthenticationHeaderValue Basic(string username, string password)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public static async Task WaitForHealthAsync(WorkerProcess worker, Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitUntilAsync(
            async () =>
            {
                if (worker.HasExited)
                {
                    throw new InvalidOperationException($"The worker exited ({worker.ExitCode}):\n{worker.StandardOutput}\n{worker.StandardError}");
                }

                try
                {
                    using var response = await http.GetAsync("health/live");
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            $"{baseAddress}health/live answers");
    }

    /// <summary>The data-protection keys the worker stored in its database, as their XML.</summary>
    public static async Task<List<string>> StoredKeysAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var connection = new NpgsqlConnection(environment["ConnectionStrings__ContactSync"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xml from worker_data_protection_keys where xml like '<key %'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
