using System.Text.Json;

namespace ContactSync.Core.Nexudus.Model;

/// <summary>
/// The envelope of a create, update or delete. Success is decided by the HTTP status and <see cref="WasSuccessful"/>;
/// the body's own <c>Status</c> is unreliable (a 400 has carried <c>"Status":500</c>), so it is not read.
/// </summary>
internal sealed record NexudusActionResult
{
    // Nullable so that only an explicit false counts as a rejection.
    public bool? WasSuccessful { get; init; }
    public string? Message { get; init; }
    public NexudusActionValue? Value { get; init; }
    public IReadOnlyList<NexudusValidationError>? Errors { get; init; }
}

internal sealed record NexudusActionValue(int Id);

/// <summary>
/// One validation error. <see cref="AttemptedValue"/> is personal data: it is read only so that it can be scrubbed
/// from <see cref="Message"/>, and never stored, logged or shown.
/// </summary>
internal sealed record NexudusValidationError(string? PropertyName, string? Message, JsonElement? AttemptedValue);
