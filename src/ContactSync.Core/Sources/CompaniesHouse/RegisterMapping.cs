using System.Globalization;
using ContactSync.Core.Contacts;
using ContactSync.Core.Mapping;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// What the register says of a company, as key contacts: its current directors (Director) and its former names
/// (CompanyAlias). Resigned officers, secretaries and other roles are not key contacts; a resigned director is simply
/// no longer yielded, so Mirror removes the contact. The register has no email or phone.
/// </summary>
/// <remarks>
/// Date of birth: the public register gives month and year only. ContactSync never invents a day, so no
/// <c>DateOfBirth</c> is sent; the month and year go into Notes, where staff checking identity can see them.
/// Source keys: the appointment id (the last segment of <c>links.self</c>); when the register leaves <c>self</c> out,
/// <c>{company}/officer/{officer id}/{role}/{appointed on}</c>, from <c>links.officer.appointments</c>. A former name:
/// <c>{company}/former-name/{effective from}/{ceased on}</c>.
/// </remarks>
internal static class RegisterMapping
{
    /// <summary>What the register says of a director: a name, a service address, and the notes ContactSync writes (no email, phone or full birth date).</summary>
    public const ContactFields DirectorFields = ContactFields.FullName | ContactFields.AddressFields | ContactFields.Notes;

    /// <summary>Of a former name, the name and when it was used: an alias's address, email or phone are Nexudus's.</summary>
    public const ContactFields FormerNameFields = ContactFields.FullName | ContactFields.Notes;

    private static readonly HashSet<string> DirectorRoles = new(StringComparer.OrdinalIgnoreCase) { "director", "nominee-director" };
    private static readonly HashSet<string> CorporateDirectorRoles = new(StringComparer.OrdinalIgnoreCase) { "corporate-director", "corporate-nominee-director" };

    /// <returns>The officer as a key contact, or null when it is not one (resigned, a secretary, another role, a corporate director left out).</returns>
    /// <remarks>
    /// A current officer the register describes only in part (no name, or no role) is still yielded, under its key, so
    /// that mapping rejects it with the reason: left out, it would look resigned and Mirror would remove its contact.
    /// </remarks>
    public static SourceContact? Director(string company, Officer officer, bool includeCorporate, long line)
    {
        if (!string.IsNullOrWhiteSpace(officer.ResignedOn))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(officer.Name) || string.IsNullOrWhiteSpace(officer.OfficerRole))
        {
            return new SourceContact(line, AppointmentKey(company, officer), null,
                string.IsNullOrWhiteSpace(officer.OfficerRole) ? null : nameof(ContractContactType.Director),
                null, null, null, null, null, null, null, null, null, null)
            {
                CompanyRef = company,
                Supplied = DirectorFields,
            };
        }

        var (name, role) = (officer.Name, officer.OfficerRole);

        // Some corporate bodies are filed with the plain role; an identification block gives them away.
        var corporate = CorporateDirectorRoles.Contains(role) || (DirectorRoles.Contains(role) && officer.Identification is not null);
        if (!(DirectorRoles.Contains(role) || CorporateDirectorRoles.Contains(role)) || (corporate && !includeCorporate))
        {
            return null;
        }

        var address = officer.Address;
        return new SourceContact(
            line,
            AppointmentKey(company, officer),
            CoworkerContractId: null,
            nameof(ContractContactType.Director),
            corporate ? name.Trim() : RegisterNames.ToFullName(name),
            Email: null,
            DateOfBirth: null,
            Address: address is null ? null : Join(address.PoBox is { Length: > 0 } box ? $"PO Box {box.Trim()}" : null, address.Premises, address.AddressLine1, address.AddressLine2),
            PostCode: address?.PostalCode?.Trim(),
            City: address?.Locality?.Trim(),
            State: address?.Region?.Trim(),
            Country: CountryNames.ToIsoCode(address?.Country),
            Phone: null,
            Notes: DirectorNotes(role, officer, corporate))
        {
            CompanyRef = company,
            Supplied = DirectorFields,
        };
    }

    public static SourceContact? FormerName(string company, PreviousCompanyName previous, long line)
    {
        if (previous.Name is not { Length: > 0 } name)
        {
            return null;
        }

        var notes = (previous.EffectiveFrom, previous.CeasedOn) switch
        {
            ({ } from, { } to) => $"Former registered name (Companies House), from {from} to {to}",
            (null, { } to) => $"Former registered name (Companies House), until {to}",
            _ => "Former registered name (Companies House)",
        };
        return new SourceContact(
            line, $"{company}/former-name/{previous.EffectiveFrom ?? "-"}/{previous.CeasedOn ?? "-"}", null, nameof(ContractContactType.CompanyAlias),
            name.Trim(), null, null, null, null, null, null, null, null, notes)
        {
            CompanyRef = company,
            Supplied = FormerNameFields,
        };
    }

    public static string AppointmentKey(string company, Officer officer)
    {
        if (LastSegment(officer.Links?.Self, "/appointments/") is { } appointment)
        {
            return appointment;
        }

        var officerId = Between(officer.Links?.Officer?.Appointments, "/officers/", "/appointments") ?? "-";
        return $"{company}/officer/{officerId}/{officer.OfficerRole}/{officer.AppointedOn ?? officer.AppointedBefore ?? "-"}";
    }

    private static string DirectorNotes(string role, Officer officer, bool corporate)
    {
        var parts = new List<string> { corporate ? "Corporate director (Companies House)" : role.Equals("nominee-director", StringComparison.OrdinalIgnoreCase) ? "Nominee director (Companies House)" : "Director (Companies House)" };
        if (officer.AppointedOn is { Length: > 0 } appointed)
        {
            parts.Add($"appointed {appointed}");
        }

        if (officer.DateOfBirth is { Month: { } month, Year: { } year } && month is >= 1 and <= 12)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"born {month:D2}/{year} (the register gives month and year only)"));
        }

        return string.Join("; ", parts);
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim()).ToList();
        return present.Count == 0 ? null : string.Join(", ", present);
    }

    private static string? LastSegment(string? link, string marker)
    {
        if (link is null)
        {
            return null;
        }

        var at = link.IndexOf(marker, StringComparison.Ordinal);
        var value = at < 0 ? "" : link[(at + marker.Length)..].Trim('/');
        return value.Length > 0 && !value.Contains('/', StringComparison.Ordinal) ? value : null;
    }

    private static string? Between(string? link, string start, string end)
    {
        if (link is null)
        {
            return null;
        }

        var from = link.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : link.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return from < 0 || to < 0 ? null : link[(from + start.Length)..to];
    }
}
