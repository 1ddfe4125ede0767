using ContactSync.Sandbox.Api;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>The outcome of a store write: the stored record, a rule it broke, or no such record.</summary>
internal sealed record StoreWrite(StoredContractContact? Record, ValidationError? Rejection, bool NotFound)
{
    public static StoreWrite Written(StoredContractContact record) => new(record, null, false);

    public static StoreWrite Rejected(ValidationError rejection) => new(null, rejection, false);

    public static readonly StoreWrite Missing = new(null, null, true);
}
