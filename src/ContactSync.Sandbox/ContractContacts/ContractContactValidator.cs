using System.Net.Mail;
using System.Text.Json;
using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Seeds;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>
/// Checks a POST or PUT body the way Nexudus does: every problem is collected and reported at once, per
/// property. Read-only properties a client echoes back from a GET (CoworkerFullName, UniqueId, SystemId...)
/// are ignored, so GET-modify-PUT works.
/// </summary>
internal sealed class ContractContactValidator(SeedData seeds)
{
    public ValidatedBody Validate(JsonElement body, bool isUpdate)
    {
        var reader = new JsonFieldReader(body);
        var id = isUpdate ? RequiredId(reader) : null;

        var contractId = reader.Int("CoworkerContractId");
        if (reader.Raw("CoworkerContractId") is null || (contractId is null && !HasError(reader, "CoworkerContractId")))
        {
            reader.AddError("CoworkerContractId", "Contract is required.");
        }
        else if (contractId is { } value && !seeds.ContractsById.ContainsKey(value))
        {
            reader.AddError("CoworkerContractId", "There is no contract with this id.");
        }

        var coworkerId = reader.Int("CoworkerId");
        if (coworkerId is { } coworker && !seeds.CoworkersById.ContainsKey(coworker))
        {
            reader.AddError("CoworkerId", "There is no customer with this id.");
        }

        var fullName = Text(reader, "FullName", FieldLimits.FullName);
        if (string.IsNullOrWhiteSpace(fullName) && !HasError(reader, "FullName"))
        {
            reader.AddError("FullName", "Full name is required.");
        }

        var email = Text(reader, "Email", FieldLimits.Email);
        if (!string.IsNullOrEmpty(email) && !IsEmail(email))
        {
            reader.AddError("Email", "Email is not a valid email address.");
        }

        var type = reader.Int("ContractContactType");
        if (type is null ? !HasError(reader, "ContractContactType") : !ContractContactTypes.IsValid(type.Value))
        {
            reader.AddError("ContractContactType", "Contract contact type must be 1 (Director), 2 (CompanyAlias) or 3 (NominatedRecipient).");
        }

        var amlStatus = reader.Int("AmlCheckStatus") ?? 0;
        if (amlStatus is < 0 or > ContractContactTypes.MaxAmlCheckStatus)
        {
            reader.AddError("AmlCheckStatus", "AML check status must be between 0 and 6.");
        }

        var countryId = reader.Int("CountryId");
        if (countryId is { } country && !seeds.CountriesById.ContainsKey(country))
        {
            reader.AddError("CountryId", "There is no country with this id.");
        }

        var fields = new ContractContactFields(
            contractId ?? 0,
            coworkerId,
            fullName ?? string.Empty,
            email,
            DateOfBirth(reader),
            Text(reader, "Address", FieldLimits.Address),
            Text(reader, "PostCode", FieldLimits.PostCode),
            Text(reader, "CityName", FieldLimits.CityName),
            Text(reader, "State", FieldLimits.State),
            countryId,
            Text(reader, "PhoneNumber", FieldLimits.PhoneNumber),
            Text(reader, "Notes", FieldLimits.Notes),
            type ?? 0,
            amlStatus,
            AmlCheckDate(reader),
            Text(reader, "AmlNotes", FieldLimits.AmlNotes));

        return reader.Errors.Count == 0 ? new ValidatedBody(id, fields, []) : new ValidatedBody(id, null, reader.Errors);
    }

    private static int? RequiredId(JsonFieldReader reader)
    {
        var id = reader.Int("Id");
        if (id is null or <= 0 && !HasError(reader, "Id"))
        {
            reader.AddError("Id", "Id is required.");
        }

        return id;
    }

    private static string? Text(JsonFieldReader reader, string name, int maxLength)
    {
        var value = reader.String(name);
        if (value is not null && value.Length > maxLength)
        {
            reader.AddError(name, $"{name} must be {maxLength} characters or fewer.");
        }

        return value;
    }

    private static DateOnly? DateOfBirth(JsonFieldReader reader)
    {
        var value = reader.String("DateOfBirth");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (SandboxDates.TryParseDate(value, out var date))
        {
            return date;
        }

        reader.AddError("DateOfBirth", "Date of birth is not a valid date.");
        return null;
    }

    private static DateTimeOffset? AmlCheckDate(JsonFieldReader reader)
    {
        var value = reader.String("AmlCheckDate");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (SandboxDates.TryParseInstant(value, out var instant))
        {
            return instant;
        }

        reader.AddError("AmlCheckDate", "AML check date is not a valid date.");
        return null;
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal)
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static bool HasError(JsonFieldReader reader, string name) =>
        reader.Errors.Any(error => error.PropertyName == name);
}
