using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Time.Testing;

namespace ContactSync.Core.Tests.Mapping;

/// <summary>Builders for mapper inputs: a contact that maps cleanly, to be spoiled one column at a time.</summary>
internal static class SampleContacts
{
    public static readonly DateTimeOffset Today = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static SourceContact Valid(long line = 2) => new(
        LineNumber: line,
        SourceId: "crm-42",
        CoworkerContractId: "1234",
        ContactType: "Director",
        FullName: "Jane Doe",
        Email: "jane.doe@example.com",
        DateOfBirth: "1980-02-29",
        Address: "1 High Street",
        PostCode: "AB1 2CD",
        City: "London",
        State: "Greater London",
        Country: "GB",
        Phone: "+44 20 7946 0000",
        Notes: "Appointed 2019");

    public static ContactMapper Mapper() => new(
        new CountryMap([new Country(826, "United Kingdom", "GB"), new Country(372, "Ireland", "IE")]),
        new FakeTimeProvider(Today));

    public static SourceContact With(this SourceContact contact, string column, string? value) => column switch
    {
        SourceColumns.SourceId => contact with { SourceId = value },
        SourceColumns.CoworkerContractId => contact with { CoworkerContractId = value },
        SourceColumns.ContactType => contact with { ContactType = value },
        SourceColumns.FullName => contact with { FullName = value },
        SourceColumns.Email => contact with { Email = value },
        SourceColumns.DateOfBirth => contact with { DateOfBirth = value },
        SourceColumns.Address => contact with { Address = value },
        SourceColumns.PostCode => contact with { PostCode = value },
        SourceColumns.City => contact with { City = value },
        SourceColumns.State => contact with { State = value },
        SourceColumns.Country => contact with { Country = value },
        SourceColumns.Phone => contact with { Phone = value },
        SourceColumns.Notes => contact with { Notes = value },
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public static MappedContact Mapped(this MappingResult result)
        => Assert.IsType<MappedContact>(result);

    public static Rejection Rejected(this MappingResult result)
        => Assert.IsType<Rejection>(result);
}
