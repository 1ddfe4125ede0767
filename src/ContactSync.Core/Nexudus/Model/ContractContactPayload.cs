using System.Text.Json.Serialization;
using ContactSync.Core.Contacts;

namespace ContactSync.Core.Nexudus.Model;

/// <summary>
/// What ContactSync wants a ContractContact to hold: the body of a create, and the fields it owns in an update.
/// Property names are Nexudus's (PascalCase on the wire). A field left null is not the source's to set: an update
/// keeps what Nexudus holds, unless the field is in <see cref="Clear"/>.
/// </summary>
public sealed record ContractContactPayload
{
    public required int CoworkerContractId { get; init; }
    public required string FullName { get; init; }
    public required ContractContactType ContractContactType { get; init; }

    /// <summary>Always 0 (NotStarted) from us; Nexudus runs the AML check.</summary>
    public int AmlCheckStatus { get; init; }

    public string? Email { get; init; }

    /// <summary>Date only, sent as <c>YYYY-MM-DDT00:00:00</c> with no offset (Nexudus shifts values that carry one).</summary>
    public string? DateOfBirth { get; init; }

    public string? Address { get; init; }
    public string? PostCode { get; init; }
    public string? CityName { get; init; }
    public string? State { get; init; }
    public int? CountryId { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Notes { get; init; }

    /// <summary>
    /// Fields the source supplies empty and that an update clears (<c>EmptyValues=Clear</c>) on a contact ContactSync
    /// created. Never sent; kept with the stored payload (see <c>PayloadJson</c>).
    /// </summary>
    [JsonIgnore]
    public ContactFields Clear { get; init; }

    /// <summary>Fields sent on create, but on update only where Nexudus holds nothing (<c>Fields__X=SetIfEmpty</c>). Never sent.</summary>
    [JsonIgnore]
    public ContactFields SetIfEmpty { get; init; }

    /// <summary>The fields this payload writes a value to: those it has a value for.</summary>
    [JsonIgnore]
    public ContactFields Valued => ContactFieldNames.Each.Where(HasValue).Aggregate(ContactFields.None, (all, one) => all | one);

    /// <summary>The fields an update makes equal to this payload, whatever Nexudus holds: valued and not set-if-empty, and cleared ones.</summary>
    [JsonIgnore]
    public ContactFields Owned => (Valued & ~SetIfEmpty) | Clear;

    /// <summary>For a contact ContactSync found rather than created: what somebody typed in is never cleared.</summary>
    public ContractContactPayload KeepingEmpty() => Clear == ContactFields.None ? this : this with { Clear = ContactFields.None };

    public bool HasValue(ContactFields field) => field switch
    {
        ContactFields.FullName => !string.IsNullOrEmpty(FullName),
        ContactFields.Email => Email is not null,
        ContactFields.DateOfBirth => DateOfBirth is not null,
        ContactFields.Address => Address is not null,
        ContactFields.PostCode => PostCode is not null,
        ContactFields.CityName => CityName is not null,
        ContactFields.State => State is not null,
        ContactFields.CountryId => CountryId is not null,
        ContactFields.PhoneNumber => PhoneNumber is not null,
        ContactFields.Notes => Notes is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a single field."),
    };

    /// <summary>This payload with <paramref name="fields"/> left to Nexudus. The name cannot be: a create needs it.</summary>
    public ContractContactPayload Without(ContactFields fields)
    {
        if (fields.HasFlag(ContactFields.FullName))
        {
            throw new ArgumentException("A contact's name cannot be left out of its payload.", nameof(fields));
        }

        return this with
        {
            Email = fields.HasFlag(ContactFields.Email) ? null : Email,
            DateOfBirth = fields.HasFlag(ContactFields.DateOfBirth) ? null : DateOfBirth,
            Address = fields.HasFlag(ContactFields.Address) ? null : Address,
            PostCode = fields.HasFlag(ContactFields.PostCode) ? null : PostCode,
            CityName = fields.HasFlag(ContactFields.CityName) ? null : CityName,
            State = fields.HasFlag(ContactFields.State) ? null : State,
            CountryId = fields.HasFlag(ContactFields.CountryId) ? null : CountryId,
            PhoneNumber = fields.HasFlag(ContactFields.PhoneNumber) ? null : PhoneNumber,
            Notes = fields.HasFlag(ContactFields.Notes) ? null : Notes,
            Clear = Clear & ~fields,
            SetIfEmpty = SetIfEmpty & ~fields,
        };
    }
}
