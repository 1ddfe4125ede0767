using ContactSync.Core.Sources.CompaniesHouse;

namespace ContactSync.Core.Tests.Sources.CompaniesHouse;

public sealed class RegisterMappingTests
{
    private static Officer Officer(
        string name = "O'BRIEN, Siobhan", string role = "director", string? resigned = null, OfficerIdentification? identification = null,
        OfficerLinks? links = null, OfficerAddress? address = null, OfficerDateOfBirth? born = null)
        => new(name, role, "2021-04-01", null, resigned, born ?? new OfficerDateOfBirth(3, 1986), address, identification,
            links ?? new OfficerLinks("/company/01234567/appointments/AbC123", new OfficerLink("/officers/Off1/appointments")));

    [Fact]
    public void A_current_director_is_a_Director_keyed_by_its_appointment_with_no_invented_day_of_birth()
    {
        var contact = RegisterMapping.Director("01234567", Officer(address: new OfficerAddress("Suite 5", "1 Virtual Street", null, "London", null, "EC1A 1AA", "England", null)), true, 1)!;

        Assert.Equal(("AbC123", "Director", "Siobhan O'Brien", "01234567"), (contact.SourceId, contact.ContactType, contact.FullName, contact.CompanyRef));
        Assert.Null(contact.DateOfBirth);
        Assert.Contains("born 03/1986", contact.Notes, StringComparison.Ordinal);
        Assert.Equal(("Suite 5, 1 Virtual Street", "London", "EC1A 1AA", "GB"), (contact.Address, contact.City, contact.PostCode, contact.Country));
        Assert.Null(contact.Email);
    }

    [Theory]
    [InlineData("secretary", null)]
    [InlineData("corporate-secretary", null)]
    [InlineData("llp-member", null)]
    [InlineData("director", "2024-06-30")]
    public void Secretaries_other_roles_and_resigned_directors_are_not_key_contacts(string role, string? resigned)
        => Assert.Null(RegisterMapping.Director("01234567", Officer(role: role, resigned: resigned), true, 1));

    [Fact]
    public void Corporate_directors_are_Directors_in_one_piece_unless_left_out_even_when_filed_with_the_plain_role()
    {
        var corporate = Officer(name: "HARBOUR NOMINEES LIMITED", role: "corporate-director", born: new OfficerDateOfBirth(null, null));
        var plain = Officer(name: "ACME DIRECTORS LTD", role: "director", identification: new OfficerIdentification("uk-limited-company"));

        Assert.Equal("HARBOUR NOMINEES LIMITED", RegisterMapping.Director("01234567", corporate, true, 1)!.FullName);
        Assert.Equal("ACME DIRECTORS LTD", RegisterMapping.Director("01234567", plain, true, 1)!.FullName);
        Assert.Null(RegisterMapping.Director("01234567", corporate, false, 1));
        Assert.Null(RegisterMapping.Director("01234567", plain, false, 1));
        Assert.Equal("Director", RegisterMapping.Director("01234567", Officer(role: "nominee-director"), false, 1)!.ContactType);
    }

    [Fact]
    public void Without_a_self_link_the_key_is_built_from_the_officer_link_the_role_and_the_appointment_date()
    {
        var contact = RegisterMapping.Director("01234567", Officer(links: new OfficerLinks(null, new OfficerLink("/officers/Off1/appointments"))), true, 1)!;
        Assert.Equal("01234567/officer/Off1/director/2021-04-01", contact.SourceId);
    }

    [Fact]
    public void A_current_officer_described_only_in_part_is_still_yielded_under_its_key_so_it_is_rejected_not_removed()
    {
        var nameless = RegisterMapping.Director("01234567", Officer(name: ""), true, 1)!;
        var roleless = RegisterMapping.Director("01234567", Officer(role: ""), true, 1)!;

        Assert.Equal(("AbC123", null, "Director"), (nameless.SourceId, nameless.FullName, nameless.ContactType));
        Assert.Equal(("AbC123", null), (roleless.SourceId, roleless.ContactType));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    [InlineData("{\"event\":5}")]
    [InlineData("{\"event\":{\"timepoint\":\"soon\"}}")]
    [InlineData("not json")]
    public void A_stream_line_that_is_not_an_event_is_skipped(string line)
        => Assert.Null(RegisterStream.Parse("officers", line));

    [Fact]
    public void A_stream_event_names_its_company_from_the_resource_uri()
        => Assert.Equal(new RegisterChange("officers", "SC012345", 42),
            RegisterStream.Parse("officers", "{\"resource_uri\":\"/company/sc12345/appointments/AbC\",\"event\":{\"timepoint\":42,\"type\":\"changed\"}}"));

    [Fact]
    public void A_former_name_is_a_CompanyAlias_with_its_dates_in_notes()
    {
        var alias = RegisterMapping.FormerName("01234567", new PreviousCompanyName("OLD NAME LTD", "2015-03-01", "2019-08-31"), 1)!;
        Assert.Equal(("01234567/former-name/2015-03-01/2019-08-31", "CompanyAlias", "OLD NAME LTD"), (alias.SourceId, alias.ContactType, alias.FullName));
        Assert.Contains("from 2015-03-01 to 2019-08-31", alias.Notes, StringComparison.Ordinal);
    }
}
