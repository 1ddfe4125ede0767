namespace ContactSync.Worker.Database;

/// <summary>The <c>ConnectionStrings</c> section; only the product's own database is read from it.</summary>
public sealed class ConnectionStringOptions
{
    public const string SectionName = "ConnectionStrings";

    public string? ContactSync { get; set; }
}
