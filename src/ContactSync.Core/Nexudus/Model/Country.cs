namespace ContactSync.Core.Nexudus.Model;

/// <summary>A Nexudus country. Ids are Nexudus-internal and differ between tenants: map by <see cref="TwoDigitsCode"/>.</summary>
public sealed record Country(int Id, string Name, string TwoDigitsCode);
