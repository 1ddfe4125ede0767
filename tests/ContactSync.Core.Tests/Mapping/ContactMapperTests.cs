using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Tests.Mapping;

public sealed class ContactMapperTests
{
    private readonly ContactMapper mapper = SampleContacts.Mapper();

    [Fact]
    public void Maps_a_valid_row_to_the_payload_Nexudus_expects()
    {
        var mapped = mapper.Map(SampleContacts.Valid(line: 7)).Mapped();

        Assert.Equal("crm-42", mapped.SourceId);
        Assert.Equal(7, mapped.LineNumber);
        var payload = mapped.Payload;
        Assert.Equal(1234, payload.CoworkerContractId);
        Assert.Equal("Jane Doe", payload.FullName);
        Assert.Equal(ContractContactType.Director, payload.ContractContactType);
        Assert.Equal(0, payload.AmlCheckStatus);
        Assert.Equal("jane.doe@example.com", payload.Email);
        Assert.Equal("1980-02-29T00:00:00", payload.DateOfBirth);
        Assert.Equal("1 High Street", payload.Address);
        Assert.Equal("AB1 2CD", payload.PostCode);
        Assert.Equal("London", payload.CityName);
        Assert.Equal("Greater London", payload.State);
        Assert.Equal(826, payload.CountryId);
        Assert.Equal("+44 20 7946 0000", payload.PhoneNumber);
        Assert.Equal("Appointed 2019", payload.Notes);
    }

    [Fact]
    public void Maps_a_row_with_only_the_required_columns()
    {
        var contact = new SourceContact(3, "id-1", "5", "NominatedRecipient", "Jo Bloggs",
            null, null, null, null, null, null, null, null, null);

        var payload = mapper.Map(contact).Mapped().Payload;

        Assert.Equal(ContractContactType.NominatedRecipient, payload.ContractContactType);
        Assert.Null(payload.Email);
        Assert.Null(payload.DateOfBirth);
        Assert.Null(payload.CountryId);
        Assert.Null(payload.PhoneNumber);
    }

    [Theory]
    [InlineData("Director", ContractContactType.Director)]
    [InlineData("director", ContractContactType.Director)]
    [InlineData("CompanyAlias", ContractContactType.CompanyAlias)]
    [InlineData("Company Alias", ContractContactType.CompanyAlias)]
    [InlineData("company_alias", ContractContactType.CompanyAlias)]
    [InlineData("NOMINATED RECIPIENT", ContractContactType.NominatedRecipient)]
    [InlineData("Nominated_Recipient", ContractContactType.NominatedRecipient)]
    [InlineData("1", ContractContactType.Director)]
    [InlineData("2", ContractContactType.CompanyAlias)]
    [InlineData(" 3 ", ContractContactType.NominatedRecipient)]
    public void Accepts_each_way_of_writing_a_contact_type(string text, ContractContactType expected)
    {
        var contact = SampleContacts.Valid().With(SourceColumns.ContactType, text).With(SourceColumns.DateOfBirth, null);

        Assert.Equal(expected, mapper.Map(contact).Mapped().Payload.ContractContactType);
    }

    [Theory]
    [InlineData(SourceColumns.SourceId, null, "source_id: required")]
    [InlineData(SourceColumns.SourceId, "   ", "source_id: required")]
    [InlineData(SourceColumns.CoworkerContractId, null, "coworker_contract_id: required")]
    [InlineData(SourceColumns.CoworkerContractId, "0", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.CoworkerContractId, "-17", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.CoworkerContractId, "+17", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.CoworkerContractId, "12.5", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.CoworkerContractId, "1,234", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.CoworkerContractId, "99999999999", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.CoworkerContractId, "abc", "coworker_contract_id: not a positive whole number")]
    [InlineData(SourceColumns.ContactType, null, "contact_type: required")]
    [InlineData(SourceColumns.ContactType, "Secretary", "contact_type: not one of Director, CompanyAlias, NominatedRecipient (or 1-3)")]
    [InlineData(SourceColumns.ContactType, "0", "contact_type: not one of Director, CompanyAlias, NominatedRecipient (or 1-3)")]
    [InlineData(SourceColumns.ContactType, "4", "contact_type: not one of Director, CompanyAlias, NominatedRecipient (or 1-3)")]
    [InlineData(SourceColumns.ContactType, "None", "contact_type: not one of Director, CompanyAlias, NominatedRecipient (or 1-3)")]
    [InlineData(SourceColumns.ContactType, "Company  Alias", "contact_type: not one of Director, CompanyAlias, NominatedRecipient (or 1-3)")]
    [InlineData(SourceColumns.FullName, null, "full_name: required")]
    [InlineData(SourceColumns.FullName, " \t ", "full_name: required")]
    [InlineData(SourceColumns.Email, "jane.doe", "email: not a valid email address")]
    [InlineData(SourceColumns.Email, "Jane <jane@example.com>", "email: not a valid email address")]
    [InlineData(SourceColumns.Email, "jane@localhost", "email: not a valid email address")]
    [InlineData(SourceColumns.Email, "jane@@example.com", "email: not a valid email address")]
    [InlineData(SourceColumns.Email, "ja ne@example.com", "email: not a valid email address")]
    [InlineData(SourceColumns.Email, "jane@example..com", "email: not a valid email address")]
    [InlineData(SourceColumns.DateOfBirth, "29/02/1980", "date_of_birth: not a date in YYYY-MM-DD form")]
    [InlineData(SourceColumns.DateOfBirth, "1980-2-9", "date_of_birth: not a date in YYYY-MM-DD form")]
    [InlineData(SourceColumns.DateOfBirth, "1981-02-29", "date_of_birth: not a date in YYYY-MM-DD form")]
    [InlineData(SourceColumns.DateOfBirth, "1980-02-29T00:00:00", "date_of_birth: not a date in YYYY-MM-DD form")]
    [InlineData(SourceColumns.DateOfBirth, "yesterday", "date_of_birth: not a date in YYYY-MM-DD form")]
    [InlineData(SourceColumns.DateOfBirth, "2025-06-16", "date_of_birth: in the future")]
    [InlineData(SourceColumns.DateOfBirth, "1899-12-31", "date_of_birth: before 1900")]
    [InlineData(SourceColumns.Country, "XX", "country: unknown country code")]
    [InlineData(SourceColumns.Country, "FR", "country: unknown country code")]
    [InlineData(SourceColumns.Country, "GBR", "country: not a two-letter ISO 3166-1 code")]
    [InlineData(SourceColumns.Country, "United Kingdom", "country: not a two-letter ISO 3166-1 code")]
    [InlineData(SourceColumns.FullName, "Jane\0Doe", "full_name: contains a control character")]
    [InlineData(SourceColumns.Notes, "bell\u0007", "notes: contains a control character")]
    public void Rejects_a_row_with_a_bad_value_naming_the_column_but_not_the_value(string column, string? value, string reason)
    {
        var result = mapper.Map(SampleContacts.Valid(line: 9).With(column, value)).Rejected();

        Assert.Equal(reason, result.Reason);
        Assert.Equal(9, result.LineNumber);
        AssertValueNotIn(result.Reason, value);
    }

    [Theory]
    [InlineData(SourceColumns.SourceId, "-Xk2mA9pQrs7tUv1wYz0AbCdEf")]
    [InlineData(SourceColumns.SourceId, "=1+1")]
    [InlineData(SourceColumns.SourceId, "@crm/42")]
    [InlineData(SourceColumns.FullName, "@UK PLC")]
    [InlineData(SourceColumns.FullName, "+44 Holdings Ltd")]
    [InlineData(SourceColumns.FullName, "-2+3")]
    [InlineData(SourceColumns.FullName, "=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData(SourceColumns.Email, "-jane@example.com")]
    [InlineData(SourceColumns.Email, "+tag@example.com")]
    [InlineData(SourceColumns.Address, "=IMPORTXML(\"x\")")]
    [InlineData(SourceColumns.PostCode, "+AB1")]
    [InlineData(SourceColumns.City, "@London")]
    [InlineData(SourceColumns.State, "-State")]
    [InlineData(SourceColumns.Notes, "=WEBSERVICE(\"x\")")]
    [InlineData(SourceColumns.Phone, "020 7946 0000 ext 5")]
    [InlineData(SourceColumns.Phone, "call reception first")]
    [InlineData(SourceColumns.Phone, "-1+1")]
    [InlineData(SourceColumns.Phone, "@SUM(A1)")]
    public void Takes_a_value_as_data_whatever_its_first_character_or_look(string column, string value)
    {
        var mapped = mapper.Map(SampleContacts.Valid(line: 9).With(column, value)).Mapped();

        var stored = column switch
        {
            SourceColumns.SourceId => mapped.SourceId,
            SourceColumns.FullName => mapped.Payload.FullName,
            SourceColumns.Email => mapped.Payload.Email,
            SourceColumns.Address => mapped.Payload.Address,
            SourceColumns.PostCode => mapped.Payload.PostCode,
            SourceColumns.City => mapped.Payload.CityName,
            SourceColumns.State => mapped.Payload.State,
            SourceColumns.Notes => mapped.Payload.Notes,
            SourceColumns.Phone => mapped.Payload.PhoneNumber,
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        Assert.Equal(value, stored);
    }

    [Theory]
    [InlineData(SourceColumns.SourceId, 200)]
    [InlineData(SourceColumns.FullName, 200)]
    [InlineData(SourceColumns.Address, 500)]
    [InlineData(SourceColumns.PostCode, 20)]
    [InlineData(SourceColumns.City, 100)]
    [InlineData(SourceColumns.State, 100)]
    [InlineData(SourceColumns.Phone, 50)]
    [InlineData(SourceColumns.Notes, 4000)]
    public void Rejects_a_value_one_character_over_its_limit_and_accepts_one_at_it(string column, int limit)
    {
        var filler = column == SourceColumns.Phone ? '7' : 'Q';

        Assert.IsType<MappedContact>(mapper.Map(SampleContacts.Valid().With(column, new string(filler, limit))));
        var tooLong = new string(filler, limit + 1);
        var rejection = mapper.Map(SampleContacts.Valid().With(column, tooLong)).Rejected();
        Assert.Equal($"{column}: longer than {limit} characters", rejection.Reason);
        AssertValueNotIn(rejection.Reason, tooLong);
    }

    [Fact]
    public void Rejects_an_email_longer_than_200_characters()
    {
        var email = new string('a', 189) + "@example.com";

        Assert.Equal("email: longer than 200 characters", mapper.Map(SampleContacts.Valid().With(SourceColumns.Email, email)).Rejected().Reason);
    }

    [Fact]
    public void Rejects_a_row_whose_date_of_birth_is_not_a_date()
    {
        var rejection = mapper.Map(SampleContacts.Valid().With(SourceColumns.DateOfBirth, "1980-13-01")).Rejected();

        Assert.Equal("date_of_birth: not a date in YYYY-MM-DD form", rejection.Reason);
        Assert.Equal("crm-42", rejection.SourceId);
    }

    [Fact]
    public void Accepts_a_date_of_birth_of_today_and_of_1900()
    {
        Assert.Equal("2025-06-15T00:00:00",
            mapper.Map(SampleContacts.Valid().With(SourceColumns.DateOfBirth, "2025-06-15")).Mapped().Payload.DateOfBirth);
        Assert.Equal("1900-01-01T00:00:00",
            mapper.Map(SampleContacts.Valid().With(SourceColumns.DateOfBirth, "1900-01-01")).Mapped().Payload.DateOfBirth);
    }

    [Fact]
    public void Rejects_a_date_of_birth_on_a_company_alias()
    {
        var contact = SampleContacts.Valid().With(SourceColumns.ContactType, "Company Alias");

        Assert.Equal("date_of_birth: not allowed on a CompanyAlias", mapper.Map(contact).Rejected().Reason);
    }

    [Fact]
    public void Maps_a_company_alias_without_a_date_of_birth()
    {
        var contact = SampleContacts.Valid().With(SourceColumns.ContactType, "2").With(SourceColumns.DateOfBirth, null);

        Assert.Equal(ContractContactType.CompanyAlias, mapper.Map(contact).Mapped().Payload.ContractContactType);
    }

    [Fact]
    public void Lists_every_problem_of_a_row_in_one_reason_in_column_order()
    {
        var contact = SampleContacts.Valid()
            .With(SourceColumns.CoworkerContractId, "x")
            .With(SourceColumns.FullName, null)
            .With(SourceColumns.DateOfBirth, "1970/01/01")
            .With(SourceColumns.Country, "ZZ");

        var rejection = mapper.Map(contact).Rejected();

        Assert.Equal(
            "coworker_contract_id: not a positive whole number; full_name: required; "
            + "date_of_birth: not a date in YYYY-MM-DD form; country: unknown country code",
            rejection.Reason);
        Assert.Equal("crm-42", rejection.SourceId);
    }

    [Fact]
    public void Leaves_the_source_id_out_of_a_rejection_when_the_id_itself_is_bad()
    {
        var rejection = mapper.Map(SampleContacts.Valid().With(SourceColumns.SourceId, new string('9', 201))).Rejected();

        Assert.Null(rejection.SourceId);
    }

    [Fact]
    public void Collapses_whitespace_inside_a_full_name()
    {
        var contact = SampleContacts.Valid().With(SourceColumns.FullName, "  Jane \t\u00A0 Mary\n Doe ");

        Assert.Equal("Jane Mary Doe", mapper.Map(contact).Mapped().Payload.FullName);
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE contract_contacts;--")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("O'Brien \"Bobby\" Smith")]
    [InlineData("Zoë Ångström-Łukasz 李小龍")]
    public void Sends_names_that_look_like_code_verbatim_because_they_are_data(string name)
    {
        Assert.Equal(name, mapper.Map(SampleContacts.Valid().With(SourceColumns.FullName, name)).Mapped().Payload.FullName);
    }

    [Theory]
    [InlineData("+44 20 7946 0000")]
    [InlineData("(020) 7946-0000")]
    [InlineData("020.7946.0000 / 0001")]
    [InlineData("0044207946000")]
    public void Accepts_phone_numbers_even_when_they_start_with_a_plus(string phone)
    {
        Assert.Equal(phone, mapper.Map(SampleContacts.Valid().With(SourceColumns.Phone, phone)).Mapped().Payload.PhoneNumber);
    }

    [Theory]
    [InlineData("gb", 826)]
    [InlineData(" Ie ", 372)]
    public void Maps_a_country_code_in_any_case_to_the_tenants_country_id(string code, int id)
    {
        Assert.Equal(id, mapper.Map(SampleContacts.Valid().With(SourceColumns.Country, code)).Mapped().Payload.CountryId);
    }

    [Fact]
    public void Turns_a_row_the_source_could_not_read_into_a_rejection_with_the_same_reason()
    {
        var rejection = mapper.Map(new MalformedEntry(12, "ragged row: 15 fields, header has 13")).Rejected();

        Assert.Equal(new Rejection(12, null, "ragged row: 15 fields, header has 13"), rejection);
    }

    [Fact]
    public void Treats_blank_optional_values_as_absent()
    {
        var contact = SampleContacts.Valid() with { Email = " ", DateOfBirth = "", Country = "\t", Phone = "  " };

        var payload = mapper.Map(contact).Mapped().Payload;

        Assert.Null(payload.Email);
        Assert.Null(payload.DateOfBirth);
        Assert.Null(payload.CountryId);
        Assert.Null(payload.PhoneNumber);
    }

    private static void AssertValueNotIn(string reason, string? value)
    {
        var trimmed = value?.Trim();
        if (!string.IsNullOrEmpty(trimmed) && trimmed.Length > 2)
        {
            Assert.DoesNotContain(trimmed, reason, StringComparison.OrdinalIgnoreCase);
        }
    }
}
