using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Seeds;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>The optional tariff caps on company aliases and nominated recipients per contract.</summary>
internal sealed class PlanLimits(SeedData seeds, IOptions<ContractContactOptions> options)
{
    public ValidationError? Check(ContractContactFields fields, IEnumerable<StoredContractContact> others)
    {
        if (!options.Value.EnforcePlanLimits
            || !seeds.ContractsById.TryGetValue(fields.CoworkerContractId, out var contract)
            || !seeds.TariffsById.TryGetValue(contract.TariffId, out var tariff))
        {
            return null;
        }

        var (maximum, label) = fields.ContractContactType switch
        {
            ContractContactTypes.CompanyAlias => (tariff.MaximumCompanyAliases, "company aliases"),
            ContractContactTypes.NominatedRecipient => (tariff.MaximumRecipients, "nominated recipients"),
            _ => (int.MaxValue, string.Empty),
        };

        var existing = others.Count(other =>
            other.Fields.CoworkerContractId == fields.CoworkerContractId
            && other.Fields.ContractContactType == fields.ContractContactType);
        return existing < maximum
            ? null
            : new ValidationError(null, $"The plan allows at most {maximum} {label} on this contract.", "ContractContactType");
    }
}
