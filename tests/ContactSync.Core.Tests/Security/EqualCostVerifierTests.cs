using ContactSync.Core.Security;

namespace ContactSync.Core.Tests.Security;

/// <summary>Timing is not measured (it would be flaky); the work each check does is compared instead.</summary>
public sealed class EqualCostVerifierTests
{
    private const int Cheap = PasswordHash.MinimumIterations;

    private static readonly StoredSecret Hashed = new(PasswordHash.Create("hashed-password-1", Cheap), ClearPassword: null);
    private static readonly StoredSecret Clear = new(Hash: null, ClearPassword: "clear-password-1");

    [Fact]
    public void An_unknown_name_derives_a_hash_of_the_same_iterations_as_a_hashed_login()
    {
        var verifier = new EqualCostVerifier([Hashed]);

        var known = verifier.Check(Hashed, "wrong-password-1");
        var unknown = verifier.Check(null, "wrong-password-1");

        Assert.Equal(known, unknown);
        Assert.Equal(Cheap, unknown.HashIterations);
        Assert.False(unknown.DigestsCompared);
        Assert.True(verifier.Verify(Hashed, "hashed-password-1"));
    }

    [Fact]
    public void An_unknown_name_compares_digests_and_derives_no_hash_beside_a_clear_text_login()
    {
        var verifier = new EqualCostVerifier([Clear]);

        var known = verifier.Check(Clear, "wrong-password-1");
        var unknown = verifier.Check(null, "wrong-password-1");

        Assert.Equal(known, unknown);
        Assert.True(unknown.DigestsCompared);
        Assert.Equal(0, unknown.HashIterations);
        Assert.True(verifier.Verify(Clear, "clear-password-1"));
        Assert.False(verifier.Verify(null, "clear-password-1"));
    }

    [Fact]
    public void With_clear_and_hashed_logins_every_check_does_both_and_only_the_users_own_secret_matches()
    {
        var verifier = new EqualCostVerifier([Clear, Hashed]);

        var checks = new[] { verifier.Check(Clear, "x"), verifier.Check(Hashed, "x"), verifier.Check(null, "x") };

        Assert.All(checks, check => Assert.Equal(new EqualCostVerifier.CheckWork(false, Cheap, DigestsCompared: true), check));
        Assert.True(verifier.Verify(Clear, "clear-password-1"));
        Assert.True(verifier.Verify(Hashed, "hashed-password-1"));
        Assert.False(verifier.Verify(Hashed, "clear-password-1"));
        Assert.False(verifier.Verify(Clear, "hashed-password-1"));
    }
}
