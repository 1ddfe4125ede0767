namespace ContactSync.Core.Contacts;

/// <summary>
/// The ContractContact fields a source can supply, named as Nexudus names them. The contract and the type are not
/// among them: they say which contact a record is, and every source gives both.
/// </summary>
[Flags]
public enum ContactFields
{
    None = 0,
    FullName = 1 << 0,
    Email = 1 << 1,
    DateOfBirth = 1 << 2,
    Address = 1 << 3,
    PostCode = 1 << 4,
    CityName = 1 << 5,
    State = 1 << 6,
    CountryId = 1 << 7,
    PhoneNumber = 1 << 8,
    Notes = 1 << 9,

    AddressFields = Address | PostCode | CityName | State | CountryId,
    All = FullName | Email | DateOfBirth | AddressFields | PhoneNumber | Notes,
}
