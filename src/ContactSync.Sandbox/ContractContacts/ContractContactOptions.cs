namespace ContactSync.Sandbox.ContractContacts;

internal sealed class ContractContactOptions
{
    public const string SectionName = "Sandbox:ContractContacts";

    /// <summary>
    /// Refuse (400) a company alias or nominated recipient beyond the contract tariff's MaximumCompanyAliases or
    /// MaximumRecipients. Off by default: whether and how Nexudus enforces these through the API is unconfirmed.
    /// </summary>
    public bool EnforcePlanLimits { get; set; }
}
