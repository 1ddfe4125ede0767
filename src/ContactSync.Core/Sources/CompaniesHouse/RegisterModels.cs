using System.Text.Json.Serialization;

namespace ContactSync.Core.Sources.CompaniesHouse;

// The register's shapes, only the members ContactSync reads. Everything is optional but what the spec requires, and
// unknown members are ignored (the register adds members without notice).

internal sealed record CompanyProfile(
    [property: JsonPropertyName("company_number")] string? CompanyNumber,
    [property: JsonPropertyName("company_status")] string? CompanyStatus,
    [property: JsonPropertyName("previous_company_names")] IReadOnlyList<PreviousCompanyName>? PreviousCompanyNames);

internal sealed record PreviousCompanyName(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("effective_from")] string? EffectiveFrom,
    [property: JsonPropertyName("ceased_on")] string? CeasedOn);

internal sealed record OfficerList(
    [property: JsonPropertyName("items")] IReadOnlyList<Officer>? Items,
    [property: JsonPropertyName("items_per_page")] int? ItemsPerPage,
    [property: JsonPropertyName("start_index")] int? StartIndex,
    [property: JsonPropertyName("total_results")] int? TotalResults);

internal sealed record Officer(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("officer_role")] string? OfficerRole,
    [property: JsonPropertyName("appointed_on")] string? AppointedOn,
    [property: JsonPropertyName("appointed_before")] string? AppointedBefore,
    [property: JsonPropertyName("resigned_on")] string? ResignedOn,
    [property: JsonPropertyName("date_of_birth")] OfficerDateOfBirth? DateOfBirth,
    [property: JsonPropertyName("address")] OfficerAddress? Address,
    [property: JsonPropertyName("identification")] OfficerIdentification? Identification,
    [property: JsonPropertyName("links")] OfficerLinks? Links);

internal sealed record OfficerDateOfBirth(
    [property: JsonPropertyName("month")] int? Month,
    [property: JsonPropertyName("year")] int? Year);

internal sealed record OfficerAddress(
    [property: JsonPropertyName("premises")] string? Premises,
    [property: JsonPropertyName("address_line_1")] string? AddressLine1,
    [property: JsonPropertyName("address_line_2")] string? AddressLine2,
    [property: JsonPropertyName("locality")] string? Locality,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("postal_code")] string? PostalCode,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("po_box")] string? PoBox);

internal sealed record OfficerIdentification(
    [property: JsonPropertyName("identification_type")] string? IdentificationType);

internal sealed record OfficerLinks(
    [property: JsonPropertyName("self")] string? Self,
    [property: JsonPropertyName("officer")] OfficerLink? Officer);

internal sealed record OfficerLink(
    [property: JsonPropertyName("appointments")] string? Appointments);
