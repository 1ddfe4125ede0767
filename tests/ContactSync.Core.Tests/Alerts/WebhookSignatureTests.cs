using ContactSync.Core.Alerts;

namespace ContactSync.Core.Tests.Alerts;

public sealed class WebhookSignatureTests
{
    private const string Secret = "correct-horse-battery-staple";
    private const string Body = """{"id":"x"}""";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_timestamp_a_dot_and_the_body()
    {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'correct-horse-battery-staple',
        // b'1700000000.{\"id\":\"x\"}', hashlib.sha256).hexdigest())"
        Assert.Equal("sha256=53cdcffb1678c43fb00b459c652bb69353cb43e01481925e2b5217c768b0420a", WebhookSignature.Sign(Secret, 1_700_000_000, Body));
    }

    [Fact]
    public void A_receiver_accepts_the_signature_within_its_window_and_nothing_altered()
    {
        var signature = WebhookSignature.Sign(Secret, SentAt.ToUnixTimeSeconds(), Body);
        var window = WebhookSignature.RecommendedWindow;

        Assert.True(WebhookSignature.Verify(Secret, "1700000000", signature, Body, SentAt.AddMinutes(4), window));
        Assert.False(WebhookSignature.Verify(Secret, "1700000000", signature, Body, SentAt.AddMinutes(6), window));
        Assert.False(WebhookSignature.Verify(Secret, "1700000001", signature, Body, SentAt, window));
        Assert.False(WebhookSignature.Verify(Secret, "1700000000", signature, Body + " ", SentAt, window));
        Assert.False(WebhookSignature.Verify("another-secret-entirely", "1700000000", signature, Body, SentAt, window));
        Assert.False(WebhookSignature.Verify(Secret, "soon", signature, Body, SentAt, window));
        Assert.False(WebhookSignature.Verify(Secret, "1700000000", null, Body, SentAt, window));
    }
}
