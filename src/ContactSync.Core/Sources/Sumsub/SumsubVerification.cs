using System.Globalization;

namespace ContactSync.Core.Sources.Sumsub;

/// <summary>Where an applicant's own verification stands, as far as being a key contact goes.</summary>
internal enum Verified
{
    /// <summary>Reviewed and approved (completed, GREEN): a key contact.</summary>
    Approved,

    /// <summary>Not approved yet, or asked to try again (init, pending, queued, on hold, RED for retry): nothing new is written.</summary>
    NotYet,

    /// <summary>Refused for good (RED, final), or an approval withdrawn so: not a key contact, so gone from the source.</summary>
    Refused,
}

/// <summary>An applicant's review read as <see cref="Verified"/>, with its state in words and the date it was approved.</summary>
internal sealed record SumsubVerification(Verified Verified, string State, DateOnly? ApprovedOn)
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"];

    public static SumsubVerification Of(SumsubReview? review)
    {
        var status = review?.ReviewStatus?.Trim();
        if (!string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase))
        {
            return new(Verified.NotYet, string.IsNullOrEmpty(status) ? "not reviewed" : Words(status), null);
        }

        var answer = review!.ReviewResult?.ReviewAnswer?.Trim();
        if (string.Equals(answer, "GREEN", StringComparison.OrdinalIgnoreCase))
        {
            return new(Verified.Approved, "approved", Date(review.ReviewDate) ?? Date(review.CreateDate));
        }

        if (string.Equals(answer, "RED", StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(review.ReviewResult?.ReviewRejectType?.Trim(), "FINAL", StringComparison.OrdinalIgnoreCase)
                ? new(Verified.Refused, "rejected (final)", null)
                : new(Verified.NotYet, "rejected (may retry)", null);
        }

        return new(Verified.NotYet, "completed without an answer", null);
    }

    // Sumsub's own status names in words a page can show (onHold: "on hold"); never anything of the applicant's.
    private static string Words(string status)
        => status.ToLowerInvariant() switch
        {
            "init" => "not started",
            "pending" or "queued" or "prechecked" => "pending", // vocabulary: Sumsub's review states
            "onhold" => "on hold",
            "awaitinguser" => "awaiting the applicant",
            _ => "in review",
        };

    private static DateOnly? Date(string? text)
        => DateTimeOffset.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateOnly.FromDateTime(at.UtcDateTime)
            : null;
}
