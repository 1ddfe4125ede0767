namespace ContactSync.Core.Companies;

/// <summary>What a company reference resolves to: one contract, or the reason there is none to take (never a guess).</summary>
public abstract record ContractMatch
{
    public sealed record Found(int CoworkerContractId) : ContractMatch;

    public sealed record NotFound(string Reason) : ContractMatch;
}
