namespace ContactSync.Sandbox.ContractContacts;

/// <summary>eContractContactType and eAmlCheckStatus ranges that a write may use.</summary>
internal static class ContractContactTypes
{
    public const int Director = 1;
    public const int CompanyAlias = 2;
    public const int NominatedRecipient = 3;

    public const int MaxAmlCheckStatus = 6;

    /// <summary>eAmlCheckStatus.Pending: identity checks under way.</summary>
    public const int AmlPending = 1;

    public static bool IsValid(int type) => type is >= Director and <= NominatedRecipient;
}
