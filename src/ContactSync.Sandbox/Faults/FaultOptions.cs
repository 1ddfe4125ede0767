using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Faults;

/// <summary>
/// Random fault injection for API calls other than /api/token. Each rate is a probability in 0..1; one draw
/// per request picks at most one fault, so the rates that apply to a request must add up to 1 or less.
/// This same shape is what GET and PUT /_sandbox/faults exchange.
/// </summary>
internal sealed class FaultOptions : IValidatableObject
{
    public const string SectionName = "Sandbox:Faults";

    /// <summary>Seeds the random draws so a run can be repeated; null draws a fresh seed.</summary>
    public int? Seed { get; set; }

    [Range(0, 600_000)]
    public int LatencyMs { get; set; }

    [Range(0, 600_000)]
    public int JitterMs { get; set; }

    public FaultScope LatencyScope { get; set; } = FaultScope.All;

    [Range(0d, 1d)]
    public double Error500Rate { get; set; }

    public FaultScope Error500Scope { get; set; } = FaultScope.All;

    [Range(0d, 1d)]
    public double Error502Rate { get; set; }

    public FaultScope Error502Scope { get; set; } = FaultScope.All;

    [Range(0d, 1d)]
    public double Error503Rate { get; set; }

    public FaultScope Error503Scope { get; set; } = FaultScope.All;

    [Range(0d, 1d)]
    public double Throttle409Rate { get; set; }

    public FaultScope Throttle409Scope { get; set; } = FaultScope.All;

    [Range(1, 86_400)]
    public int Throttle409RetryAfterSeconds { get; set; } = 1;

    [Range(0d, 1d)]
    public double HangRate { get; set; }

    public FaultScope HangScope { get; set; } = FaultScope.All;

    /// <summary>Longer than any sane client timeout, so the client's own timeout is what fires.</summary>
    [Range(0, 86_400)]
    public int HangSeconds { get; set; } = 120;

    [Range(0d, 1d)]
    public double DropRate { get; set; }

    public FaultScope DropScope { get; set; } = FaultScope.All;

    [Range(0d, 1d)]
    public double CommitThenDropRate { get; set; }

    /// <summary>Writes by default: the fault exists to test what a client does after a write it cannot confirm.</summary>
    public FaultScope CommitThenDropScope { get; set; } = FaultScope.Writes;

    /// <summary>How long a <see cref="FaultKind.SlowBody"/> answer takes to trickle out.</summary>
    [Range(1, 86_400)]
    public int SlowBodySeconds { get; set; } = 600;

    /// <summary>How large a <see cref="FaultKind.HugeBody"/> answer is.</summary>
    [Range(1, 4_096)]
    public int HugeBodyMegabytes { get; set; } = 200;

    public FaultOptions Copy() => (FaultOptions)MemberwiseClone();

    /// <summary>The rate and scope of each fault kind, in the order the random draw walks them.</summary>
    public IEnumerable<(FaultKind Kind, double Rate, FaultScope Scope)> Rates()
    {
        yield return (FaultKind.Error500, Error500Rate, Error500Scope);
        yield return (FaultKind.Error502, Error502Rate, Error502Scope);
        yield return (FaultKind.Error503, Error503Rate, Error503Scope);
        yield return (FaultKind.Throttle409, Throttle409Rate, Throttle409Scope);
        yield return (FaultKind.Hang, HangRate, HangScope);
        yield return (FaultKind.Drop, DropRate, DropScope);
        yield return (FaultKind.CommitThenDrop, CommitThenDropRate, CommitThenDropScope);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Rates().Sum(rate => rate.Rate) > 1d)
        {
            yield return new ValidationResult("The fault rates add up to more than 1.", [nameof(Error500Rate)]);
        }
    }
}
