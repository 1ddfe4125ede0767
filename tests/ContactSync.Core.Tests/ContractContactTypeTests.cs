using ContactSync.Core.Contacts;

namespace ContactSync.Core.Tests;

public sealed class ContractContactTypeTests
{
    [Theory]
    [InlineData(ContractContactType.Director, 1)]
    [InlineData(ContractContactType.CompanyAlias, 2)]
    [InlineData(ContractContactType.NominatedRecipient, 3)]
    public void Uses_the_numbers_Nexudus_uses(ContractContactType type, int expected)
        => Assert.Equal(expected, (int)type);
}
