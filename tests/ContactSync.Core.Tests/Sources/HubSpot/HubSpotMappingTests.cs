using System.Net;
using System.Text;
using ContactSync.Core.Contacts;
using ContactSync.Core.Sources.HubSpot;

namespace ContactSync.Core.Tests.Sources.HubSpot;

public sealed class HubSpotMappingTests
{
    [Theory]
    [InlineData("1979-11-02", "1979-11-02")]
    [InlineData(" 14/02/1991 ", "1991-02-14")]
    [InlineData("02/07/1975", "1975-07-02")]
    [InlineData("2/7/1975", "1975-07-02")]
    [InlineData("1985-06-30T00:00:00.000Z", "1985-06-30")]
    [InlineData("1985.06.30", null)]
    [InlineData("499132800000", "1985-10-26")]
    public void Birth_dates_are_read_leniently_day_first(string raw, string? expected)
    {
        var (date, problem) = HubSpotMapping.DateOfBirth(raw);
        Assert.Equal(expected, date);
        Assert.Equal(expected is null, problem is not null);
    }

    [Theory]
    [InlineData("March 1980")]
    [InlineData("31/02/1990")]
    [InlineData("13/13/1990")]
    public void A_birth_date_that_cannot_be_read_is_a_problem_that_does_not_repeat_it(string raw)
    {
        var (date, problem) = HubSpotMapping.DateOfBirth(raw);
        Assert.Null(date);
        Assert.NotNull(problem);
        Assert.DoesNotContain(raw, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_birth_dates_are_no_problem() => Assert.Equal((null, null), HubSpotMapping.DateOfBirth("  "));

    [Theory]
    [InlineData("1762164000000", 1762164000000L)]
    [InlineData("2025-11-03T10:00:00.000Z", 1762164000000L)]
    [InlineData("", null)]
    public void Modified_dates_are_read_in_both_forms_HubSpot_writes(string value, long? expected) => Assert.Equal(expected, HubSpotMapping.Millis(value));

    [Fact]
    public void A_contact_maps_to_one_source_contact_per_role_with_its_email_trimmed_and_its_country_as_a_code()
    {
        var contact = new CrmObject("101", new Dictionary<string, string?>
        {
            ["firstname"] = "  Zoë ",
            ["lastname"] = "O'Neill",
            ["email"] = "  Zoe.ONeill@Example.COM ",
            ["country"] = "United Kingdom",
            ["dob"] = "14/02/1991",
        }, Archived: false);
        var options = new HubSpotSourceOptions { DateOfBirthProperty = "dob" };

        var mapped = HubSpotMapping.Contact(contact, new RoleOnCompany("2000001", ContractContactType.NominatedRecipient, null), "01000001", null, options, 7);

        Assert.Equal("101/2000001/nominated-recipient", mapped.SourceId);
        Assert.Equal("NominatedRecipient", mapped.ContactType);
        Assert.Equal("Zoë O'Neill", mapped.FullName);
        Assert.Equal("zoe.oneill@example.com", mapped.Email);
        Assert.Equal("GB", mapped.Country);
        Assert.Equal("1991-02-14", mapped.DateOfBirth);
        Assert.Equal("01000001", mapped.CompanyRef);
        Assert.Null(mapped.Problem);
        Assert.Equal(7, mapped.LineNumber);
    }

    [Fact]
    public void Roles_come_from_labels_by_type_id_with_the_labelled_company()
    {
        var roles = HubSpotRoles.From(new HubSpotSourceOptions { RoleLabels = { ["5"] = "Director", ["7"] = "Nominated Recipient" } });
        var contact = new CrmObject("101", [], false);
        AssociatedObject[] companies =
        [
            new(2000001, [new("HUBSPOT_DEFINED", 1, "Primary"), new("USER_DEFINED", 5, "Director"), new("USER_DEFINED", 7, "Renamed label")]),
            new(2000002, [new("USER_DEFINED", 7, null)]),
            new(2000003, [new("HUBSPOT_DEFINED", 279, null)]),
        ];

        var found = roles.Of(contact, companies);

        Assert.Equal(
            [new RoleOnCompany("2000001", ContractContactType.Director, null), new RoleOnCompany("2000001", ContractContactType.NominatedRecipient, null),
             new RoleOnCompany("2000002", ContractContactType.NominatedRecipient, null)],
            found);
    }

    [Fact]
    public void Roles_from_a_multi_select_property_go_on_the_primary_company_and_other_values_are_no_role()
    {
        var roles = HubSpotRoles.From(new HubSpotSourceOptions
        {
            RoleProperty = "key_contact_role",
            RoleValues = { ["director"] = "Director", ["nominated_recipient"] = "NominatedRecipient" },
        });
        var contact = new CrmObject("101", new() { ["key_contact_role"] = "director; Nominated_Recipient;accountant" }, false);
        AssociatedObject[] companies = [new(2000002, [new("HUBSPOT_DEFINED", 279, null)]), new(2000001, [new("HUBSPOT_DEFINED", 1, "Primary")])];

        Assert.Equal(
            [new RoleOnCompany("2000001", ContractContactType.Director, null), new RoleOnCompany("2000001", ContractContactType.NominatedRecipient, null)],
            roles.Of(contact, companies));
        Assert.Empty(roles.Of(contact with { Properties = new() { ["key_contact_role"] = "accountant" } }, companies));
        var unplaced = roles.Of(contact, [new(2000002, []), new(2000003, [])]);
        Assert.All(unplaced, role => Assert.Null(role.CompanyId));
        Assert.All(unplaced, role => Assert.Contains("no primary", role.Problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Role_settings_must_be_one_way_or_the_other_and_name_real_roles()
    {
        Assert.Contains(HubSpotRoles.Problems(new HubSpotSourceOptions()), problem => problem.Key == "RoleLabels");
        Assert.Contains(HubSpotRoles.Problems(new HubSpotSourceOptions { RoleLabels = { ["5"] = "Director" }, RoleProperty = "x", RoleValues = { ["a"] = "Director" } }),
            problem => problem.Key == "RoleProperty");
        Assert.Contains(HubSpotRoles.Problems(new HubSpotSourceOptions { RoleLabels = { ["Director"] = "Director" } }), problem => problem.Key == "RoleLabels:Director");
        Assert.Contains(HubSpotRoles.Problems(new HubSpotSourceOptions { RoleLabels = { ["5"] = "CompanyAlias" } }), problem => problem.Key == "RoleLabels:5");
        Assert.Contains(HubSpotRoles.Problems(new HubSpotSourceOptions { RoleProperty = "role" }), problem => problem.Key == "RoleValues");
        Assert.Empty(HubSpotRoles.Problems(new HubSpotSourceOptions { RoleLabels = { ["5"] = "Director", ["7"] = "NominatedRecipient" } }));
    }

    [Theory]
    [InlineData("""{"status":"error","message":"You have reached your daily limit.","category":"RATE_LIMITS","policyName":"DAILY"}""", "Daily")]
    [InlineData("""{"status":"error","message":"You have reached your ten_secondly_rolling limit.","policyName":"TEN_SECONDLY_ROLLING"}""", "TenSecondly")]
    [InlineData("""{"status":"error","message":"You have reached your secondly limit.","category":"RATE_LIMITS"}""", "Secondly")]
    [InlineData("""{"policyName":"SECONDLY"}""", "Secondly")]
    [InlineData("not json", "TenSecondly")]
    public void A_429_is_read_for_the_limit_it_names(string body, string limit) => Assert.Equal(limit, HubSpotLimits.Of(body).ToString());

    [Theory]
    [InlineData(429, """{"policyName":"TEN_SECONDLY_ROLLING"}""", true, 10.0)]
    [InlineData(429, """{"message":"You have reached your secondly limit."}""", true, 2.0)]
    [InlineData(429, """{"policyName":"DAILY"}""", false, null)]
    [InlineData(423, "", true, 2.0)]
    [InlineData(477, "", true, 10.0)]
    [InlineData(502, "", true, null)]
    [InlineData(400, "", false, null)]
    public async Task Retries_follow_what_HubSpot_documents(int status, string body, bool retried, double? waitSeconds)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        Assert.Equal(retried, await HubSpotRetry.IsTransientAsync(response));
        var wait = await HubSpotRetry.WaitAsync(response, attempt: 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(waitSeconds, wait?.TotalSeconds);
    }

    [Fact]
    public async Task A_Retry_After_from_HubSpot_is_honoured_within_a_minute()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}") };
        response.Headers.Add("Retry-After", "3");
        Assert.Equal(TimeSpan.FromSeconds(3), await HubSpotRetry.WaitAsync(response, 0, DateTimeOffset.UnixEpoch));
        response.Headers.Remove("Retry-After");
        response.Headers.Add("Retry-After", "3600");
        Assert.Equal(TimeSpan.FromMinutes(1), await HubSpotRetry.WaitAsync(response, 0, DateTimeOffset.UnixEpoch));
    }
}
