using System.ComponentModel.DataAnnotations;

namespace ContactSync.Core.Sources;

public enum SourceType
{
    Csv,
}

/// <summary>One configured source: <c>ContactSync:Sources:N</c>.</summary>
public sealed class SourceOptions
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "must be 1-63 lower-case letters, digits or '-'")]
    public string Name { get; set; } = "";

    [Required]
    public SourceType? Type { get; set; }

    /// <summary>For <see cref="SourceType.Csv"/>: the file to read.</summary>
    public string? Path { get; set; }

    /// <summary>Cron expression, evaluated in UTC.</summary>
    [Required]
    public string Schedule { get; set; } = "";
}
