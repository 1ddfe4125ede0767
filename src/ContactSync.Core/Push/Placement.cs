using System.Globalization;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Push;

/// <summary>
/// Where a record with no contact yet goes, by the source's own rows: the rules a run and a dry run share, so that the
/// next run does what the dry run said.
/// </summary>
internal static class Placement
{
    /// <summary>The source's other rows on the contract, of the type, that are <paramref name="wanted"/>'s person.</summary>
    public static List<SiblingRecord> SamePerson(IEnumerable<SiblingRecord> siblings, ContractContactPayload wanted)
        => [.. siblings.Where(sibling => ContactMatcher.IsSame(PayloadJson.Deserialize(sibling.PayloadJson), wanted))];

    /// <summary>
    /// Another row of this read that is the same person and keeps the contact: the one holding it (or whose create is in
    /// doubt or under way, and may hold it), else the one that sorts first. The record is then not sent at all.
    /// </summary>
    public static SiblingRecord? Twin(IEnumerable<SiblingRecord> samePerson, string sourceId)
        => samePerson.FirstOrDefault(sibling => sibling.InThisRun
                                                && (sibling.NexudusId is not null || sibling.InDoubt || sibling.Status == RecordState.InFlight
                                                    || string.CompareOrdinal(sibling.SourceId, sourceId) < 0));

    /// <summary>A record gone from this (complete) read that is the same person and holds a contact: a key that changed.</summary>
    public static SiblingRecord? Former(IEnumerable<SiblingRecord> samePerson)
        => samePerson.FirstOrDefault(sibling => !sibling.InThisRun && sibling.NexudusId is not null && !sibling.InDoubt
                                                && sibling.Status != RecordState.InFlight);

    /// <summary>Other sources' records on the contract, of the type, that are <paramref name="wanted"/>'s person.</summary>
    public static List<SharedRecord> SamePersonElsewhere(IEnumerable<SharedRecord> others, ContractContactPayload wanted)
        => [.. others.Where(other => ContactMatcher.IsSame(PayloadJson.Deserialize(other.PayloadJson), wanted))];

    /// <summary>Another source's record of this person that holds a contact: the record shares it.</summary>
    public static SharedRecord? Holder(IEnumerable<SharedRecord> samePerson)
        => samePerson.FirstOrDefault(other => other.NexudusId is not null && !other.InDoubt);

    /// <summary>Another source's record of this person whose create is under way or in doubt: the record waits for it.</summary>
    public static SharedRecord? Creating(IEnumerable<SharedRecord> samePerson)
        => samePerson.FirstOrDefault(other => other.InDoubt || other.InFlight);

    public static string SamePersonReason(string twin) =>
        $"same person as source_id {twin}: the source has this person twice on the contract with this type, and Nexudus gets one contact, {twin}'s";

    public static string AmbiguousReason(IReadOnlyList<int> ids) => string.Create(
        CultureInfo.InvariantCulture,
        $"ambiguous: Nexudus has {ids.Count} candidates (Ids {string.Join(", ", ids)}) on the contract for this person; an operator must delete or correct all but one in Nexudus, or change the source row, and the next run links it");
}
