namespace ContactSync.BrowserTests.Browser;

/// <summary>The strictness check the page tests rely on, held to policies it must pass and policies it must refuse.</summary>
public sealed class ContentSecurityPolicyTests
{
    [Theory]
    [InlineData("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")]
    [InlineData("default-src 'self'; script-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'")]
    [InlineData("default-src 'none'; script-src 'nonce-r4nd0m'; form-action 'none'; frame-ancestors 'none'")]
    public void A_policy_that_allows_no_foreign_or_inline_script_framing_or_form_target_is_strict(string policy)
        => Assert.Empty(ContentSecurityPolicy.Parse(policy).Problems());

    [Theory]
    [InlineData(null, "default-src")]
    [InlineData("default-src *; form-action 'self'; frame-ancestors 'none'", "default-src")]
    [InlineData("default-src 'none'; script-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'", "script-src allows 'unsafe-inline'")]
    [InlineData("default-src 'none'; script-src https://cdn.example; form-action 'self'; frame-ancestors 'none'", "script-src allows https://cdn.example")]
    [InlineData("default-src 'none'; script-src-elem 'unsafe-eval'; form-action 'self'; frame-ancestors 'none'", "script-src-elem allows 'unsafe-eval'")]
    [InlineData("default-src 'self'; object-src 'self'; form-action 'self'; frame-ancestors 'none'", "object-src")]
    [InlineData("default-src 'none'; form-action 'self'", "frame-ancestors")]
    [InlineData("default-src 'none'; form-action 'self'; frame-ancestors 'self'", "frame-ancestors")]
    [InlineData("default-src 'none'; frame-ancestors 'none'", "form-action")]
    [InlineData("default-src 'none'; form-action *; frame-ancestors 'none'", "form-action")]
    public void A_looser_policy_is_refused_with_the_reason(string? policy, string reason)
        => Assert.Contains(ContentSecurityPolicy.Parse(policy).Problems(), problem => problem.Contains(reason, StringComparison.Ordinal));
}
