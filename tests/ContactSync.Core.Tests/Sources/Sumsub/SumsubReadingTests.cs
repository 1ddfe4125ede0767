using System.Text;
using System.Text.Json;
using ContactSync.Core.Contacts;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Sumsub;

namespace ContactSync.Core.Tests.Sources.Sumsub;

/// <summary>
/// How Sumsub's answers are read: the signature, the reviews, both KYB shapes of a company's structure, and a verified
/// person as a key contact. The JSON is shaped as Sumsub's API reference shows its answers, gaps included.
/// </summary>
public sealed class SumsubReadingTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void The_signature_is_the_hmac_of_timestamp_method_target_and_body()
    {
        var call = new SumsubCall(TimeSpan.FromSeconds(30), Budget(), "sbx:token", "sandbox-secret", TimeProvider.System);
        Assert.Equal("4977871975408bf7a5f0d2c95be9bd36a9444d3f7bd38e123c6d69904b0521e0",
            call.Sign(1733650000, "GET", "/resources/applicants/-;externalUserId=SC012345/one", []));
        Assert.Equal("386216595060ad4d50ac5d07adb3967080bc14fc9d55efbf8296a0b51f0f278c",
            call.Sign(1733650000, "POST", "/resources/applicants?levelName=basic", Encoding.UTF8.GetBytes("""{"externalUserId":"x"}""")));
    }

    [Theory]
    [InlineData("""{"reviewStatus":"completed","reviewDate":"2026-11-30 14:05:09","reviewResult":{"reviewAnswer":"GREEN"}}""", "Approved", "approved")]
    [InlineData("""{"reviewStatus":"completed","reviewResult":{"reviewAnswer":"RED","reviewRejectType":"FINAL","rejectLabels":["FORGERY"]}}""", "Refused", "rejected (final)")]
    [InlineData("""{"reviewStatus":"completed","reviewResult":{"reviewAnswer":"RED","reviewRejectType":"RETRY"}}""", "NotYet", "rejected (may retry)")]
    [InlineData("""{"reviewStatus":"pending"}""", "NotYet", "pending")]
    [InlineData("""{"reviewStatus":"queued"}""", "NotYet", "pending")]
    [InlineData("""{"reviewStatus":"onHold"}""", "NotYet", "on hold")]
    [InlineData("""{"reviewStatus":"init"}""", "NotYet", "not started")]
    [InlineData("""{"reviewStatus":"completed"}""", "NotYet", "completed without an answer")]
    [InlineData("{}", "NotYet", "not reviewed")]
    public void Only_a_completed_green_review_is_approved_and_only_a_final_red_one_refused(string review, string expected, string state)
    {
        var verification = SumsubVerification.Of(JsonSerializer.Deserialize<SumsubReview>(review, Web));
        Assert.Equal((expected, state), (verification.Verified.ToString(), verification.State));
    }

    [Theory]
    [InlineData("2026-11-30 14:05:09")]
    [InlineData("2026-11-30 14:05:09.123")]
    [InlineData("2026-11-30 14:05:09+0000")]
    [InlineData("2026-11-30T14:05:09.123Z")]
    public void The_approval_date_is_read_in_the_forms_sumsub_writes_it(string reviewDate)
    {
        var review = new SumsubReview("completed", null, reviewDate, new SumsubReviewResult("GREEN", null));
        Assert.Equal(new DateOnly(2026, 11, 30), SumsubVerification.Of(review).ApprovedOn);
    }

    [Fact]
    public void Both_kyb_shapes_are_read_and_a_person_in_both_has_the_roles_of_both()
    {
        var company = Applicant("""
            {
              "id": "63e2428232f67079df8dc591", "type": "company", "externalUserId": "SC012345",
              "info": { "companyInfo": { "companyName": "Invented Ltd", "beneficiaries": [
                { "applicantId": "5f6490a55584b510013e87df", "positions": ["director", "shareholder"], "type": "ubo" },
                { "applicantId": "5f6490a55584b510013e8800", "positions": ["Representative"] } ] } },
              "fixedInfo": { "companyInfo": { "beneficiaries": [
                { "id": "b1", "applicantId": "5f6490a55584b510013e87df", "types": ["director"], "shareSize": 42.52 },
                { "id": "b2", "types": ["director"], "beneficiaryInfo": { "firstName": "Not", "lastName": "Registered" } },
                { "id": "b3", "applicantId": "5f6490a55584b510013e8801", "types": ["shareholder"], "shareSize": 10 } ] } }
            }
            """);

        var people = SumsubClient.Beneficiaries(company).ToDictionary(person => person.Key);

        Assert.Equal(["5f6490a55584b510013e87df", "beneficiary:b2", "5f6490a55584b510013e8801", "5f6490a55584b510013e8800"], people.Keys);
        Assert.Equal(["director", "shareholder", "ubo"], people["5f6490a55584b510013e87df"].Types.Order());
        Assert.Equal(["representative"], people["5f6490a55584b510013e8800"].Types);
        Assert.Null(people["beneficiary:b2"].ApplicantId);
    }

    [Fact]
    public void A_company_with_no_structure_names_nobody()
        => Assert.Empty(SumsubClient.Beneficiaries(Applicant("""{ "id": "c", "type": "company", "info": { "companyInfo": { "companyName": "Empty Ltd" } } }""")));

    [Fact]
    public void A_verified_person_maps_from_what_sumsub_extracted_with_what_was_provided_filling_the_gaps()
    {
        var person = Applicant("""
            {
              "id": "5f6490a55584b510013e87df", "type": "individual", "email": "  Aoife.O'Brien@Example.IE ",
              "info": { "firstName": "Aoife", "lastName": "O'Brien", "dob": "1981-03-04", "country": "IRL",
                        "addresses": [ { "flatNumber": "Flat 2", "buildingNumber": "14", "street": "Harcourt Street",
                                         "town": "Dublin", "postCode": "D02 XY45", "country": "IRL" } ] },
              "fixedInfo": { "firstName": "Aoife", "middleName": "Máire", "lastName": "O'Brien", "phone": "+353 1 555 0101" },
              "review": { "reviewStatus": "completed", "reviewDate": "2026-11-30 14:05:09", "reviewResult": { "reviewAnswer": "GREEN" } }
            }
            """);
        var beneficiary = new SumsubPerson("5f6490a55584b510013e87df", new HashSet<string> { "director" }, "5f6490a55584b510013e87df", person);

        var contact = SumsubMapping.Verified(beneficiary, person, "SC012345", ContractContactType.Director, new DateOnly(2026, 11, 30), 7);

        Assert.Equal("5f6490a55584b510013e87df/SC012345/director", contact.SourceId);
        Assert.Equal(("Director", "SC012345", 7L), (contact.ContactType, contact.CompanyRef, contact.LineNumber));
        Assert.Equal("Aoife Máire O'Brien", contact.FullName);
        Assert.Equal("aoife.o'brien@example.ie", contact.Email);
        Assert.Equal(("1981-03-04", "+353 1 555 0101"), (contact.DateOfBirth, contact.Phone));
        Assert.Equal(("Flat 2, 14 Harcourt Street", "D02 XY45", "Dublin", "IE"), (contact.Address, contact.PostCode, contact.City, contact.Country));
        Assert.Equal("Verified by Sumsub on 2026-11-30", contact.Notes);
        Assert.Null(contact.Problem);
    }

    [Fact]
    public void A_person_with_gaps_maps_what_there_is_and_a_person_not_verified_carries_no_personal_data()
    {
        var person = Applicant("""{ "id": "p", "type": "individual", "fixedInfo": { "firstName": "Rhys", "lastName": "Evans" } }""");
        var beneficiary = new SumsubPerson("p", new HashSet<string> { "representative" }, "p", person);

        var contact = SumsubMapping.Verified(beneficiary, person, "01234567", ContractContactType.NominatedRecipient, null, 1);
        Assert.Equal(("Rhys Evans", "Verified by Sumsub"), (contact.FullName, contact.Notes));
        Assert.All(new[] { contact.Email, contact.DateOfBirth, contact.Address, contact.PostCode, contact.City, contact.Country, contact.Phone }, Assert.Null);

        var pending = SumsubMapping.NotVerified(beneficiary, "01234567", ContractContactType.NominatedRecipient, "pending", 2);
        Assert.Equal("p/01234567/nominated-recipient", pending.SourceId);
        Assert.Equal("not verified by Sumsub (pending): nothing is written until Sumsub approves them", pending.NotVerified);
        Assert.Null(pending.Problem);
        Assert.Null(pending.FullName);
    }

    [Fact]
    public void Beneficiary_types_map_to_contact_types_once_each()
    {
        var map = SumsubTypeMap.From(new SumsubSourceOptions { TypeMap = { ["UBO"] = "Director", ["shareholder"] = "None" } });
        var person = new SumsubPerson("p", new HashSet<string> { "director", "ubo", "representative", "shareholder" }, "p", null);

        Assert.Equal([ContractContactType.Director, ContractContactType.NominatedRecipient], SumsubMapping.TypesOf(person, map));
        Assert.Empty(SumsubTypeMap.Problems(new SumsubSourceOptions()));
        Assert.Contains(SumsubTypeMap.Problems(new SumsubSourceOptions { TypeMap = { ["ubo"] = "Owner" } }), problem => problem.Key == "TypeMap:ubo");
        Assert.Contains(SumsubTypeMap.Problems(new SumsubSourceOptions { TypeMap = { ["director"] = "None", ["representative"] = "" } }),
            problem => problem.Key == "TypeMap");
    }

    private static SumsubApplicant Applicant(string json) => JsonSerializer.Deserialize<SumsubApplicant>(json, Web)!;

    private static SourceBudget Budget()
        => new(Npgsql.NpgsqlDataSource.Create("Host=localhost"), TimeProvider.System, "sumsub", "https://api.sumsub.com", "sbx:token", 10, TimeSpan.FromSeconds(5), TimeSpan.Zero);
}
