namespace ContactSync.Sandbox.ContractContacts;

internal sealed record StoredContractContact(
    int Id,
    Guid UniqueId,
    ContractContactFields Fields,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn,
    string UpdatedBy);
