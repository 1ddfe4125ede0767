using ContactSync.Core.Mapping;
using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Sync;

/// <summary>
/// The one definition of "this Nexudus contact is the one that payload describes": same contract, same type, the
/// same name once normalised, and no difference in an email or a date of birth the payload carries. A create that
/// landed holds every field it sent, so a contact missing the payload's email is not that create.
/// </summary>
internal static class ContactMatch
{
    public static bool IsSame(ContractContact candidate, ContractContactPayload payload)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(payload);
        return candidate.CoworkerContractId == payload.CoworkerContractId
            && candidate.ContractContactType == payload.ContractContactType
            && candidate.FullName is not null
            && NameNormaliser.NormaliseName(candidate.FullName) == NameNormaliser.NormaliseName(payload.FullName)
            && (payload.Email is null || string.Equals(candidate.Email?.Trim(), payload.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            && (payload.DateOfBirth is null || DateOf(candidate.DateOfBirth) == DateOf(payload.DateOfBirth));
    }

    /// <summary>The calendar date of a Nexudus date-time ("1980-01-31T00:00:00", with or without a zone suffix).</summary>
    private static string? DateOf(string? value) => value is { Length: >= 10 } ? value[..10] : null;
}
