using ContactSync.Core.Sources;
namespace ContactSync.Core.Contacts;

/// <summary>
/// The names of a contact's fields as sources and rejection reasons spell them. A CSV header uses them
/// verbatim; other sources reuse them so an operator sees one vocabulary whatever the source.
/// </summary>
public static class SourceColumns
{
    public const string SourceId = "source_id";
    public const string CoworkerContractId = "coworker_contract_id";
    public const string ContactType = "contact_type";
    public const string FullName = "full_name";
    public const string Email = "email";
    public const string DateOfBirth = "date_of_birth";
    public const string Address = "address";
    public const string PostCode = "post_code";
    public const string City = "city";
    public const string State = "state";
    public const string Country = "country";
    public const string Phone = "phone";
    public const string Notes = "notes";

    /// <summary>Instead of <see cref="CoworkerContractId"/>: the company (a register number, a CRM id) whose contract the contact is on.</summary>
    public const string CompanyRef = "company_ref";

    /// <summary>Every column, in the order of <see cref="SourceContact"/>'s fields, then <see cref="CompanyRef"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId, CoworkerContractId, ContactType, FullName, Email, DateOfBirth,
        Address, PostCode, City, State, Country, Phone, Notes, CompanyRef,
    ];
}
