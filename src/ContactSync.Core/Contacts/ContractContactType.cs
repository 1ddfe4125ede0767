namespace ContactSync.Core.Contacts;

/// <summary>Nexudus's <c>eContractContactType</c>; the numbers are the API's.</summary>
public enum ContractContactType
{
    None = 0,
    Director = 1,
    CompanyAlias = 2,
    NominatedRecipient = 3,
}
