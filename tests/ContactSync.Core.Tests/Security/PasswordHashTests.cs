using ContactSync.Core.Security;

namespace ContactSync.Core.Tests.Security;

public sealed class PasswordHashTests
{
    private const int Cheap = PasswordHash.MinimumIterations;

    [Fact]
    public void A_hash_reads_back_from_its_text_and_verifies_only_its_password()
    {
        var text = PasswordHash.Create("correct horse battery", Cheap).ToString();

        Assert.Matches(@"^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$", text);
        Assert.True(PasswordHash.TryParse(text, out var hash, out _));
        Assert.True(hash.Verifies("correct horse battery"));
        Assert.False(hash.Verifies("correct horse batterY"));
        Assert.False(hash.Verifies(""));
        Assert.Equal(text, hash.ToString());
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time_with_its_own_salt()
    {
        var first = PasswordHash.Create("same password here", Cheap).ToString();
        var second = PasswordHash.Create("same password here", Cheap).ToString();

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
    }

    [Fact]
    public void A_known_hash_verifies_so_the_format_stays_readable_across_versions()
    {
        // PBKDF2-HMAC-SHA256 of "contactsync" with the salt "0123456789abcdef", 100000 iterations, 32 bytes.
        var known = "pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$" + Convert.ToBase64String(
            System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("contactsync"u8, "0123456789abcdef"u8, 100_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32));

        Assert.True(PasswordHash.TryParse(known, out var hash, out _));
        Assert.True(hash.Verifies("contactsync"));
        Assert.Equal(100_000, hash.Iterations);
    }

    [Theory]
    [InlineData(null, "must be a hash of the form")]
    [InlineData("", "must be a hash of the form")]
    [InlineData("plain-password-of-sorts", "must be a hash of the form")]
    [InlineData("bcrypt$100000$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "must be a hash of the form")]
    [InlineData("pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "at least 100000 iterations")]
    [InlineData("pbkdf2-sha256$lots$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "at least 100000 iterations")]
    [InlineData("pbkdf2-sha256$100000$c2FsdA==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "salt of at least 16 bytes")]
    [InlineData("pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$not base64!", "hash of at least 32 bytes")]
    [InlineData("pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$aGFzaA==", "hash of at least 32 bytes")]
    public void Text_that_is_not_a_usable_hash_is_refused_with_a_reason_that_does_not_repeat_it(string? text, string reason)
    {
        Assert.False(PasswordHash.TryParse(text, out var hash, out var problem));
        Assert.Null(hash);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            Assert.DoesNotContain(text, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fewer_iterations_than_the_minimum_cannot_be_created()
        => Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHash.Create("some password", PasswordHash.MinimumIterations - 1));
}
