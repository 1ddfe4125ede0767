using ContactSync.Core.Companies;

namespace ContactSync.Core.Tests.Contracts;

public sealed class CompanyContractsTests
{
    private static CompanyContracts View(string? field, Dictionary<string, IReadOnlyList<int>> byField, Dictionary<string, IReadOnlyList<int>>? byMap = null)
        => new(field, byField, byMap ?? [], new HashSet<int> { 1001, 1002, 1003, 1004 });

    [Fact]
    public void A_company_with_one_active_contract_resolves_to_it_whatever_the_spelling_of_its_number()
    {
        var view = View("Custom1", new() { ["01234567"] = [1001] });
        Assert.Equal(new ContractMatch.Found(1001), view.Resolve(" 1234567"));
    }

    [Fact]
    public void A_company_with_two_contracts_or_none_is_refused_with_its_reason_never_guessed()
    {
        var view = View("Custom1", new() { ["01234567"] = [1002, 1001], ["SC012345"] = [] });
        Assert.Equal("company 01234567 has two: 1001, 1002", Assert.IsType<ContractMatch.NotFound>(view.Resolve("01234567")).Reason);
        Assert.Equal("company SC012345 has no active virtual-office contract", Assert.IsType<ContractMatch.NotFound>(view.Resolve("sc12345")).Reason);
        Assert.Equal("company 07654321 has no active virtual-office contract", Assert.IsType<ContractMatch.NotFound>(view.Resolve("07654321")).Reason);
    }

    [Fact]
    public void The_map_overrides_the_field_but_only_onto_an_active_virtual_office_contract()
    {
        var view = View("Custom1", new() { ["01234567"] = [1001, 1002] }, new() { ["01234567"] = [1003], ["00000001"] = [4242], ["00000002"] = [1003, 1004] });
        Assert.Equal(new ContractMatch.Found(1003), view.Resolve("01234567"));
        Assert.Contains("mapped to contract 4242, which is not an active virtual-office contract", Assert.IsType<ContractMatch.NotFound>(view.Resolve("1")).Reason, StringComparison.Ordinal);
        Assert.Contains("mapped to two: 1003, 1004", Assert.IsType<ContractMatch.NotFound>(view.Resolve("2")).Reason, StringComparison.Ordinal);
        Assert.Equal(["00000001", "00000002", "01234567"], view.Companies);
    }

    [Fact]
    public void Without_a_field_only_the_map_resolves_and_the_reason_says_how_to_turn_the_field_on()
    {
        var view = View(null, [], new() { ["01234567"] = [1001] });
        Assert.Equal(new ContractMatch.Found(1001), view.Resolve("01234567"));
        Assert.Contains("ContactSync__ContractResolution__CoworkerField", Assert.IsType<ContractMatch.NotFound>(view.Resolve("07654321")).Reason, StringComparison.Ordinal);
    }
}
