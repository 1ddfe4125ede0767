namespace ContactSync.Core.Nexudus;

/// <summary>A Nexudus country. Ids are Nexudus-internal and differ between tenants: map by <see cref="TwoDigitsCode"/>.</summary>
public sealed record Country(int Id, string Name, string TwoDigitsCode);
