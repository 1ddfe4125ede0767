using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.HubSpot.HubSpotReadScenario;

namespace ContactSync.IntegrationTests.HubSpot;

/// <summary>
/// HubSpot's complete and incremental reads (<see cref="HubSpotReadScenario"/>): a first run pages through every contact,
/// a second searches once and writes nothing, and a changed phone is one search and one update per role.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class HubSpotReadTests : IClassFixture<HubSpotReadScenario>
{
    private readonly HubSpotReadScenario _scenario;

    public HubSpotReadTests(HubSpotReadScenario scenario, ITestOutputHelper output)
    {
        _scenario = scenario;
        scenario.Log.CopyTo(output);
    }

    [Fact]
    public void A_complete_read_pages_through_the_contacts_five_at_a_time_with_one_association_read_a_page_and_no_search()
    {
        // 21 seeded contacts, 5 a page: five pages of the contact list, and one association read per page.
        Assert.Equal(5, _scenario.CallsAfterFirst.GetValueOrDefault("list"));
        Assert.Equal(5, _scenario.CallsAfterFirst.GetValueOrDefault("associations"));
        Assert.Equal(0, _scenario.CallsAfterFirst.GetValueOrDefault("search"));
    }

    [Fact]
    public void A_complete_read_records_each_role_a_contact_holds_as_its_own_record()
    {
        Assert.Equal(22, _scenario.RecordsAfterFirst.Count);
        Assert.Contains($"{Changed}/2000003/director", _scenario.RecordsAfterFirst.Keys);
        Assert.Contains($"{Changed}/2000003/nominated-recipient", _scenario.RecordsAfterFirst.Keys);
    }

    [Fact]
    public void A_complete_read_creates_one_contact_for_each_record_it_synced()
        => Assert.Equal(_scenario.RecordsAfterFirst.Count(record => record.Value.Status == "synced"), Count(_scenario.First, "Created"));

    [Fact]
    public void A_company_on_two_contracts_and_an_unreadable_birth_date_are_rejected_with_their_reasons()
    {
        Assert.Contains(_scenario.RecordsAfterFirst.Values, record => record.Reason?.Contains("has two", StringComparison.Ordinal) == true);
        Assert.Contains(_scenario.RecordsAfterFirst.Values, record => record.Reason?.Contains("date_of_birth", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void An_incremental_read_with_nothing_changed_succeeds_with_one_search_and_no_list_or_association_read()
    {
        // It answers for what it read: nothing, so nothing rejected either (the earlier rejections stay in the ledger).
        Assert.Equal(0, _scenario.Second.ExitCode);
        Assert.Equal(1, _scenario.CallsAfterSecond.GetValueOrDefault("search"));
        Assert.Equal(_scenario.CallsAfterFirst.GetValueOrDefault("list"), _scenario.CallsAfterSecond.GetValueOrDefault("list"));
        Assert.Equal(_scenario.CallsAfterFirst.GetValueOrDefault("associations"), _scenario.CallsAfterSecond.GetValueOrDefault("associations"));
    }

    [Fact]
    public void An_incremental_read_with_nothing_changed_writes_nothing_to_Nexudus()
        => Assert.Equal(0, _scenario.WritesInSecond);

    [Fact]
    public void A_changed_contact_is_found_by_one_search_and_read_with_one_association_read()
    {
        Assert.Equal(2, _scenario.CallsAfterThird.GetValueOrDefault("search"));
        Assert.Equal(_scenario.CallsAfterFirst.GetValueOrDefault("associations") + 1, _scenario.CallsAfterThird.GetValueOrDefault("associations"));
    }

    [Fact]
    public void A_changed_phone_updates_both_contacts_of_a_person_with_two_roles_and_creates_none()
    {
        // One person with two roles on the company is two contacts: both get the new phone.
        Assert.Equal(2, Count(_scenario.Third, "Updated"));
        Assert.Equal(0, Count(_scenario.Third, "Created"));
    }
}
