using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Throttling;

/// <summary>Per-client request limits; defaults are Nexudus's published ones, and 0 switches a limit off.</summary>
internal sealed class ThrottleOptions
{
    public const string SectionName = "Sandbox:Throttling";

    [Range(0, int.MaxValue)]
    public int WritesPerMinute { get; set; } = 60;

    [Range(0, int.MaxValue)]
    public int WritesPerDay { get; set; } = 5000;

    /// <summary>Minimum spacing between any two calls: "1 request per 100 ms".</summary>
    [Range(0, int.MaxValue)]
    public int MinIntervalMs { get; set; } = 100;

    [Range(0, int.MaxValue)]
    public int CallsPerMinute { get; set; } = 120;

    [Range(0, int.MaxValue)]
    public int CallsPerHour { get; set; } = 5000;

    [Range(0, int.MaxValue)]
    public int CallsPerDay { get; set; } = 200_000;

    /// <summary>How an over-limit call is refused: the documented 409 + Retry-After, or 429 with the wait in the body.</summary>
    public ThrottleStyle Style { get; set; } = ThrottleStyle.Conflict409;

    public ThrottleOptions Copy() => (ThrottleOptions)MemberwiseClone();
}
