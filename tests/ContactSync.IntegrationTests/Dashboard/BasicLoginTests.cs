using System.Net;
using ContactSync.IntegrationTests.Infrastructure;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// Hashed Basic logins through a real worker (<see cref="BasicLoginScenario"/>): the hash the worker's own command makes,
/// each login's role, the cookies behind an ingress, and the key ring a wrong or missing key-encryption key cannot open.
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class BasicLoginTests(BasicLoginScenario scenario) : IClassFixture<BasicLoginScenario>
{
    [Fact]
    public void Hash_password_writes_a_PBKDF2_SHA256_hash_of_600000_iterations_with_its_salt()
        => Assert.Matches(@"^pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$", scenario.Hash);

    [Fact]
    public async Task Hash_password_refuses_a_password_shorter_than_12_characters()
    {
        var tooShort = await DashboardLogins.HashPasswordCommandAsync("short\n");
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 12 characters", tooShort.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operators_password_opens_the_API_against_its_hash()
        => Assert.Equal(HttpStatusCode.OK, scenario.RightPassword);

    [Fact]
    public void A_wrong_password_is_a_401_with_one_Basic_challenge()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, scenario.WrongPassword);
        Assert.StartsWith("Basic", Assert.Single(scenario.WrongPasswordChallenges), StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_login_reads_the_API()
        => Assert.Equal(HttpStatusCode.OK, scenario.ViewerReads);

    [Fact]
    public void A_viewer_logins_action_is_forbidden()
        => Assert.Equal(HttpStatusCode.Forbidden, scenario.ViewerActs);

    [Fact]
    public void Behind_an_ingress_that_terminated_TLS_the_forms_cookie_is_Secure_HttpOnly_and_SameSite_Strict()
    {
        Assert.Equal(HttpStatusCode.OK, scenario.BehindIngress);
        var antiforgery = Assert.Single(scenario.AntiforgeryCookies);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_first_start_stores_the_key_ring_in_PostgreSQL()
        => Assert.NotEqual(0, scenario.KeysStored);

    [Fact]
    public void Another_key_encryption_key_stops_the_start_saying_it_does_not_open_the_keys_and_echoing_nothing()
    {
        var result = scenario.WithOtherKey;
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}:\n{result.Output}");
        Assert.Contains("Configuration error: Dashboard:KeyEncryptionKey does not open the data-protection keys in PostgreSQL", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(BasicLoginScenario.OtherKey, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_encryption_key_once_the_keys_are_sealed_the_start_stops_saying_it_is_required()
    {
        var result = scenario.WithoutKey;
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}:\n{result.Output}");
        Assert.Contains("Configuration error: Dashboard:KeyEncryptionKey is required: the data-protection keys in PostgreSQL are encrypted", result.StandardError, StringComparison.Ordinal);
    }
}
