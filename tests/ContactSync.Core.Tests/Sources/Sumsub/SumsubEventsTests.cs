using System.Text;
using ContactSync.Core.Sources.Sumsub;

namespace ContactSync.Core.Tests.Sources.Sumsub;

/// <summary>Sumsub's webhook bodies: the digest by each algorithm Sumsub names, and the event in them.</summary>
public sealed class SumsubEventsTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"applicantId":"5f6490a55584b510013e87df","applicantType":"company","externalUserId":"sc12345","correlationId":"req-1","type":"applicantReviewed"}""");

    [Theory]
    [InlineData("HMAC_SHA1_HEX", "SHA1")]
    [InlineData("HMAC_SHA256_HEX", "SHA256")]
    [InlineData("hmac_sha512_hex", "SHA512")]
    [InlineData(null, "SHA256")]
    public void The_digest_is_checked_by_the_algorithm_sumsub_names_in_either_case_of_hex(string? algorithm, string hash)
    {
        var digest = Digests()[hash];
        Assert.True(SumsubEvents.DigestMatches(Body, digest, algorithm, "whsec"));
        Assert.True(SumsubEvents.DigestMatches(Body, digest.ToUpperInvariant(), algorithm, "whsec"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not hex")]
    [InlineData("abcd")]
    public void A_missing_malformed_or_short_digest_is_refused(string? digest)
        => Assert.False(SumsubEvents.DigestMatches(Body, digest, "HMAC_SHA256_HEX", "whsec"));

    [Fact]
    public void Another_secret_another_body_or_an_unknown_algorithm_is_refused()
    {
        var digest = Digests()["SHA256"];
        Assert.False(SumsubEvents.DigestMatches(Body, digest, "HMAC_SHA256_HEX", "another"));
        Assert.False(SumsubEvents.DigestMatches([.. Body, (byte)' '], digest, "HMAC_SHA256_HEX", "whsec"));
        Assert.False(SumsubEvents.DigestMatches(Body, digest, "HMAC_MD5_HEX", "whsec"));
    }

    [Fact]
    public void A_company_event_names_its_company_by_reference_and_a_persons_keeps_no_external_id()
    {
        Assert.Equal(new SumsubEvent("req-1|applicantReviewed|5f6490a55584b510013e87df|", "5f6490a55584b510013e87df", true, "SC012345"), SumsubEvents.Parse(Body));

        var person = SumsubEvents.Parse("""{"applicantId":"p1","applicantType":"individual","externalUserId":"someone@example.com","correlationId":"req-2"}"""u8);
        Assert.Equal(new SumsubEvent("req-2||p1|", "p1", false, null), person);
    }

    [Fact]
    public void Two_events_of_one_request_are_two_events_and_a_resend_of_one_is_the_same()
    {
        var pending = SumsubEvents.Parse("""{"applicantId":"p1","correlationId":"req-9","type":"applicantPending","createdAtMs":"2026-12-08 04:00:00.000"}"""u8)!;
        var reviewed = SumsubEvents.Parse("""{"applicantId":"p1","correlationId":"req-9","type":"applicantReviewed","createdAtMs":"2026-12-08 04:00:05.000"}"""u8)!;
        var resent = SumsubEvents.Parse("""{"createdAtMs":"2026-12-08 04:00:05.000","type":"applicantReviewed","correlationId":"req-9","applicantId":"p1"}"""u8)!;

        Assert.NotEqual(pending.EventId, reviewed.EventId);
        Assert.Equal(reviewed.EventId, resent.EventId);
    }

    [Fact]
    public void An_event_without_correlation_id_is_known_by_its_bytes_and_one_without_applicant_is_none()
    {
        var first = SumsubEvents.Parse("""{"applicantId":"p1","type":"applicantPending"}"""u8)!;
        Assert.StartsWith("sha256:", first.EventId, StringComparison.Ordinal);
        Assert.Equal(first, SumsubEvents.Parse("""{"applicantId":"p1","type":"applicantPending"}"""u8));
        Assert.Null(SumsubEvents.Parse("""{"type":"applicantReviewed"}"""u8));
        Assert.Null(SumsubEvents.Parse("""["applicantId"]"""u8));
        Assert.Null(SumsubEvents.Parse("not json"u8));
    }

    private static Dictionary<string, string> Digests() => new(StringComparer.Ordinal)
    {
        ["SHA1"] = "d66df53e1d88c94aea4af7facba2d8ffa7ebc291",
        ["SHA256"] = "6f88f4692dac029ef839270675f8fafe9c1ca7eba2a08adea8a29f92758bd9f1",
        ["SHA512"] = "33a1720f44858c0584b82fe5bdad40b028f935205257cf1df876440bf78937cfe7a139da0e67883440b55830ca3ab550ce797b57aac8820980dcc625ffc7ff2a",
    };
}
