using System.Net;
using System.Text.Json;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class RejectionReasonTests
{
    [Fact]
    public void Does_not_repeat_a_property_name_Nexudus_already_put_in_the_message()
    {
        var result = Result(new NexudusValidationError("Email", "Email: is not a valid email", null));

        Assert.Equal("Email: is not a valid email", RejectionReason.From(result, HttpStatusCode.BadRequest));
    }

    [Fact]
    public void Cuts_a_quoted_attempted_value_out_of_the_message()
    {
        var attempted = JsonDocument.Parse("\"1970-05-01T00:00:00\"").RootElement;
        var result = Result(new NexudusValidationError("DateOfBirth", "1970-05-01T00:00:00 is in the future", attempted));

        Assert.Equal("DateOfBirth: [value] is in the future", RejectionReason.From(result, HttpStatusCode.BadRequest));
    }

    [Fact]
    public void Truncates_a_long_reason()
    {
        var errors = Enumerable.Range(0, 100).Select(i => new NexudusValidationError($"Field{i}", "is far too long for a field", null));

        var reason = RejectionReason.From(Result([.. errors]), HttpStatusCode.BadRequest);

        Assert.Equal(RejectionReason.MaxLength, reason.Length);
        Assert.EndsWith("...", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_the_free_text_message_which_cannot_be_scrubbed()
    {
        var result = new NexudusActionResult { WasSuccessful = false, Message = "Email: 'ada@example' is not a valid email" };

        Assert.Equal("Nexudus rejected the request (400)", RejectionReason.From(result, HttpStatusCode.BadRequest));
    }

    [Fact]
    public void Falls_back_to_the_status_when_there_is_no_envelope()
        => Assert.Equal("Nexudus rejected the request (422)", RejectionReason.From(null, HttpStatusCode.UnprocessableEntity));

    private static NexudusActionResult Result(params NexudusValidationError[] errors)
        => new() { WasSuccessful = false, Errors = errors };
}
