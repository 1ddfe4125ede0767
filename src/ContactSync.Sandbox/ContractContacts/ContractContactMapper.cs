using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Seeds;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>Turns stored records into the two wire shapes, filling the names Nexudus derives from linked records.</summary>
internal sealed class ContractContactMapper(SeedData seeds)
{
    public ContractContactRecord ToRecord(StoredContractContact stored)
    {
        var fields = stored.Fields;
        var coworker = Coworker(fields);
        return new ContractContactRecord(
            fields.CoworkerContractId,
            seeds.ContractsById.GetValueOrDefault(fields.CoworkerContractId)?.TariffName,
            fields.CoworkerId,
            coworker?.FullName,
            coworker?.CompanyName,
            coworker?.Email,
            fields.Email,
            fields.FullName,
            DateOfBirth(fields),
            fields.Address,
            fields.PostCode,
            fields.CityName,
            fields.State,
            fields.CountryId,
            CountryName(fields),
            fields.PhoneNumber,
            fields.Notes,
            fields.ContractContactType,
            fields.AmlCheckStatus,
            fields.AmlCheckDate is { } checkedOn ? SandboxDates.FormatInstant(checkedOn) : null,
            null,
            null,
            null,
            null,
            fields.AmlNotes,
            null,
            null,
            stored.Id,
            stored.UniqueId,
            SandboxDates.FormatInstant(stored.CreatedOn),
            SandboxDates.FormatInstant(stored.UpdatedOn),
            stored.UpdatedBy,
            false,
            null,
            fields.FullName);
    }

    public ContractContactListItem ToListItem(StoredContractContact stored)
    {
        var fields = stored.Fields;
        var coworker = Coworker(fields);
        return new ContractContactListItem(
            fields.CoworkerContractId,
            fields.CoworkerId,
            coworker?.FullName,
            coworker?.CompanyName,
            fields.Email,
            fields.FullName,
            DateOfBirth(fields),
            fields.Address,
            fields.PostCode,
            fields.CityName,
            fields.State,
            fields.CountryId,
            CountryName(fields),
            fields.PhoneNumber,
            fields.ContractContactType,
            fields.AmlCheckStatus,
            stored.Id,
            stored.UniqueId,
            SandboxDates.FormatInstant(stored.CreatedOn),
            SandboxDates.FormatInstant(stored.UpdatedOn),
            stored.UpdatedBy,
            false,
            null);
    }

    private Coworker? Coworker(ContractContactFields fields) =>
        fields.CoworkerId is { } id ? seeds.CoworkersById.GetValueOrDefault(id) : null;

    private string? CountryName(ContractContactFields fields) =>
        fields.CountryId is { } id ? seeds.CountriesById.GetValueOrDefault(id)?.Name : null;

    private static string? DateOfBirth(ContractContactFields fields) =>
        fields.DateOfBirth is { } date ? SandboxDates.FormatDate(date) : null;
}
