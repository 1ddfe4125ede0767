namespace ContactSync.Sandbox.ContractContacts;

/// <summary>
/// Maximum string lengths. Nexudus doesn't publish its column sizes; these are plausible values chosen so
/// that over-long input is refused the way Nexudus refuses it, with a 400 naming the property.
/// </summary>
internal static class FieldLimits
{
    public const int FullName = 200;
    public const int Email = 200;
    public const int Address = 500;
    public const int PostCode = 20;
    public const int CityName = 100;
    public const int State = 100;
    public const int PhoneNumber = 50;
    public const int Notes = 4000;
    public const int AmlNotes = 4000;
}
