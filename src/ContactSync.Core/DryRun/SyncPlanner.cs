using System.Text.Json.Nodes;
using ContactSync.Core.Companies;
using ContactSync.Core.Contacts;
using ContactSync.Core.Contracts;
using ContactSync.Core.Ingest;
using ContactSync.Core.Ledger;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.Core.Sources;
using ContactSync.Core.Sync;
using Microsoft.Extensions.Logging;

namespace ContactSync.Core.DryRun;

/// <summary>
/// A dry run: reads the source and Nexudus (reads only, through the same budget) and says what the next run would do
/// with every record, by the rules the run itself applies (<see cref="Placement"/>, <see cref="ContractDirectory"/>,
/// the ledger's own states). It writes nothing to Nexudus and changes no record; it takes no lease on the source.
/// </summary>
public sealed class SyncPlanner(
    SourceResolver sources,
    CountryCache countries,
    ContractResolver contracts,
    INexudusClient client,
    LedgerReader ledgerReader,
    PlacementStore placement,
    TimeProvider time,
    ILogger<SyncPlanner> logger)
{
    public async Task<SyncPlan> PlanAsync(string sourceName, CancellationToken cancellationToken, RunRequest? request = null)
    {
        request ??= RunRequest.Default;
        var source = sources.Resolve(sourceName);
        var policy = sources.Options(sourceName);
        var planned = new List<PlannedRecord>();
        var coverage = new ReadCoverage(request.Scope);
        var (rows, unkeyed) = await ReadAsync(source, policy, coverage, cancellationToken);
        planned.AddRange(unkeyed);
        var ledger = await ledgerReader.LedgerViewAsync(sourceName, cancellationToken);
        var read = rows.Select(row => row.SourceId).ToHashSet(StringComparer.Ordinal);

        var toPlace = rows.Where(row => row.RejectionReason is null && NeedsPlacing(row, ledger.GetValueOrDefault(row.SourceId))).ToList();
        var contracts = toPlace.Select(row => row.CoworkerContractId).Distinct().Count();
        var held = ledger.Values.Count(entry => entry.NexudusId is not null);
        var directory = new ContractDirectory(client, placement, time, ContractDirectory.ShouldReadWholeAccount(contracts, held));
        var linkedNow = new HashSet<int>();
        var takenOver = new HashSet<string>(StringComparer.Ordinal);

        // In the order the run pushes them: by contract, then source_id.
        foreach (var row in rows.OrderBy(row => row.CoworkerContractId ?? int.MinValue).ThenBy(row => row.SourceId, StringComparer.Ordinal))
        {
            var entry = ledger.GetValueOrDefault(row.SourceId);
            planned.Add(row.RejectionReason is { } reason
                ? new PlannedRecord(row.SourceId, row.NotVerified ? PlannedAction.Unverified : PlannedAction.Reject) { Reason = reason }
                : await PlanRowAsync(row, entry, policy, rows, ledger, read, directory, linkedNow, takenOver, cancellationToken));
        }

        var plan = new SyncPlan(sourceName, policy.Mode, planned);
        if (policy.Mode == SyncMode.Mirror)
        {
            // As the run counts it: the contacts of what the read proves, not of the whole source.
            var proven = coverage.ProvenCompanies;
            var heldInScope = ledger.Values.Count(entry => entry.NexudusId is not null
                                                           && (proven is null || (entry.CompanyRef is { } company && proven.Contains(company))));
            plan = PlanRemovals(plan, policy, ledger, read, takenOver, heldInScope, request, coverage, unreadable: unkeyed.Count(record => record.SourceId is null && record.Company is null));
        }

        RunLogMessages.DryRunPlanned(logger, sourceName, plan.Count(PlannedAction.Create), plan.Count(PlannedAction.Link), plan.Count(PlannedAction.Update),
            plan.Count(PlannedAction.Remove), plan.Count(PlannedAction.Reject));
        return plan;
    }

    private async Task<(List<IngestRow> Rows, List<PlannedRecord> Unkeyed)> ReadAsync(
        IContactSource source, SourceOptions policy, ReadCoverage coverage, CancellationToken cancellationToken)
    {
        var reader = new SourceReader(countries, contracts, time);
        var rows = new List<IngestRow>();
        var unkeyed = new List<PlannedRecord>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var mapped in reader.ReadAsync(source, policy, coverage, cancellationToken))
        {
            if (mapped.Checkpoint is not null)
            {
                // A dry run remembers nothing for the source.
                continue;
            }

            if (mapped.Unkeyed is { } rejected)
            {
                unkeyed.Add(new PlannedRecord(null, PlannedAction.Reject) { Line = rejected.Line, Reason = rejected.Reason, Company = rejected.Company });
            }
            else if (seen.TryGetValue(mapped.Row!.SourceId, out var first))
            {
                unkeyed.Add(new PlannedRecord(mapped.Row.SourceId, PlannedAction.Reject) { Line = mapped.Row.LineNumber, Reason = $"source_id: repeats the source_id of line {first}" });
            }
            else
            {
                seen[mapped.Row.SourceId] = mapped.Row.LineNumber;
                rows.Add(mapped.Row);
            }
        }

        return (rows, unkeyed);
    }

    /// <summary>Whether the run would look for the record's contact: it has none, and nothing holds it back.</summary>
    private static bool NeedsPlacing(IngestRow row, LedgerEntry? entry)
        => entry is null
           || (entry.NexudusId is null && !entry.InDoubt && entry.Status != RecordState.InFlight
               && !(entry.Status is RecordState.Rejected or RecordState.Gone && entry.AttemptedHash == row.PayloadHash));

    private async Task<PlannedRecord> PlanRowAsync(
        IngestRow row,
        LedgerEntry? entry,
        SourceOptions policy,
        List<IngestRow> rows,
        IReadOnlyDictionary<string, LedgerEntry> ledger,
        HashSet<string> read,
        ContractDirectory directory,
        HashSet<int> linkedNow,
        HashSet<string> takenOver,
        CancellationToken cancellationToken)
    {
        // In the order the ledger's ingest decides a record's state (IngestStore.UpsertAsync), then the push.
        var id = row.SourceId;
        if (entry is { Status: RecordState.InFlight })
        {
            return new PlannedRecord(id, PlannedAction.LookUp)
            {
                NexudusId = entry.NexudusId,
                Reason = entry.InDoubt
                    ? "A create in doubt: it is looked up on its contract before anything else is sent"
                    : "Left in flight by a run that is gone: settled first, once its call can no longer be under way",
            };
        }

        if (entry is { NexudusId: { } kept, InDoubt: false } && policy.Mode == SyncMode.CreateOnly)
        {
            return new PlannedRecord(id, PlannedAction.Unchanged) { NexudusId = kept };
        }

        if (entry is { Status: RecordState.Conflict or RecordState.Gone } sticky && sticky.AttemptedHash == row.PayloadHash)
        {
            return new PlannedRecord(id, PlannedAction.Reject) { NexudusId = sticky.NexudusId, Reason = sticky.LastError };
        }

        if (entry is { NexudusId: { } synced, InDoubt: false } && entry.SyncedHash == row.PayloadHash
            && (entry.AttemptedHash is null || entry.AttemptedHash == entry.SyncedHash))
        {
            return new PlannedRecord(id, PlannedAction.Unchanged) { NexudusId = synced };
        }

        if (entry is { Status: RecordState.Rejected } refused && refused.AttemptedHash == row.PayloadHash)
        {
            return new PlannedRecord(id, PlannedAction.Reject) { NexudusId = refused.NexudusId, Reason = refused.LastError };
        }

        if (entry is { InDoubt: true })
        {
            return new PlannedRecord(id, PlannedAction.LookUp) { Reason = "A create in doubt: it is looked up on its contract before anything else is sent" };
        }

        if (entry?.NexudusId is { } contact)
        {
            var update = FieldChanges.Of(entry.SyncedPayloadJson ?? entry.DesiredPayloadJson, row.PayloadJson!, entry.Origin);
            return new PlannedRecord(id, PlannedAction.Update)
            {
                NexudusId = contact,
                Fields = update.Changed,
                SetIfEmpty = update.SetIfEmpty,
                LeftAlone = update.LeftAlone,
            };
        }

        var wanted = PayloadJson.Deserialize(row.PayloadJson!);
        var siblings = Placement.SamePerson(Siblings(row, rows, ledger, read, takenOver), wanted);
        if (Placement.Twin(siblings, id) is { } twin)
        {
            return new PlannedRecord(id, PlannedAction.Reject) { Reason = Placement.SamePersonReason(twin.SourceId) };
        }

        if (Placement.Former(siblings) is { NexudusId: { } formerContact } former)
        {
            takenOver.Add(former.SourceId);
            return new PlannedRecord(id, PlannedAction.Link) { NexudusId = formerContact, Reason = $"takes over the contact of source_id {former.SourceId}, its former key" };
        }

        var others = Placement.SamePersonElsewhere(
            await placement.OtherSourcesOnContractAsync(policy.Name, wanted.CoworkerContractId, (short)wanted.ContractContactType, cancellationToken), wanted);
        if (Placement.Holder(others) is { NexudusId: { } sharedContact } holder)
        {
            return new PlannedRecord(id, PlannedAction.Link) { NexudusId = sharedContact, Reason = $"shares the contact of source {holder.Source}, the same person" };
        }

        if (Placement.Creating(others) is { } creating)
        {
            return new PlannedRecord(id, PlannedAction.LookUp) { Reason = $"waits for source {creating.Source}, which is creating this person's contact" };
        }

        switch (await directory.FindAsync(wanted, floorId: null, listedAfter: 0, cancellationToken, linkedNow))
        {
            case ContactLookup.Existing existing:
                linkedNow.Add(existing.Id);
                return new PlannedRecord(id, PlannedAction.Link) { NexudusId = existing.Id };
            case ContactLookup.Ambiguous ambiguous:
                return new PlannedRecord(id, PlannedAction.Reject) { Reason = Placement.AmbiguousReason(ambiguous.Ids) };
            default:
                return new PlannedRecord(id, PlannedAction.Create);
        }
    }

    /// <summary>The records the run's sibling look-up would find for <paramref name="row"/>: this read's rows, and the ledger's records it no longer has.</summary>
    private static IEnumerable<SiblingRecord> Siblings(
        IngestRow row, List<IngestRow> rows, IReadOnlyDictionary<string, LedgerEntry> ledger, HashSet<string> read, HashSet<string> takenOver)
    {
        foreach (var other in rows)
        {
            if (other.SourceId != row.SourceId && other.PayloadJson is not null
                && other.CoworkerContractId == row.CoworkerContractId && other.ContactType == row.ContactType)
            {
                var known = ledger.GetValueOrDefault(other.SourceId);
                yield return new SiblingRecord(other.SourceId, other.PayloadJson, known?.NexudusId, known?.Status ?? RecordState.Pending, InThisRun: true, known?.SyncedPayloadJson)
                {
                    InDoubt = known?.InDoubt ?? false,
                };
            }
        }

        foreach (var gone in ledger.Values)
        {
            if (!read.Contains(gone.SourceId) && !takenOver.Contains(gone.SourceId) && gone.DesiredPayloadJson is not null
                && gone.CoworkerContractId == row.CoworkerContractId && gone.ContactType == row.ContactType)
            {
                yield return new SiblingRecord(gone.SourceId, gone.DesiredPayloadJson, gone.NexudusId, gone.Status, InThisRun: false, gone.SyncedPayloadJson)
                {
                    InDoubt = gone.InDoubt,
                };
            }
        }
    }

    private static SyncPlan PlanRemovals(
        SyncPlan plan, SourceOptions policy, IReadOnlyDictionary<string, LedgerEntry> ledger, HashSet<string> read, HashSet<string> takenOver,
        int held, RunRequest request, ReadCoverage coverage, int unreadable)
    {
        var candidates = ledger.Values
            .Where(entry => coverage.ProvesGone(entry.CompanyRef) && !read.Contains(entry.SourceId) && !takenOver.Contains(entry.SourceId) && entry.NexudusId is not null && !entry.InDoubt
                            && entry.Status is RecordState.Synced or RecordState.Pending or RecordState.Failed or RecordState.Conflict or RecordState.InFlight or RecordState.Unverified
                            && (entry.Origin == RecordOrigin.Created || policy.MirrorFound))
            .OrderBy(entry => entry.CoworkerContractId).ThenBy(entry => entry.SourceId, StringComparer.Ordinal)
            .ToList();
        var blocked = unreadable > 0 && candidates.Count > 0;
        var hold = blocked || (!request.ConfirmRemovals && candidates.Count > policy.MaxRemovals && candidates.Count > policy.MaxRemovalShare * held);
        var removals = candidates.Select(entry => new PlannedRecord(entry.SourceId, hold ? PlannedAction.RemoveHeld : PlannedAction.Remove)
        {
            NexudusId = entry.NexudusId,
        });
        return plan with
        {
            Records = [.. plan.Records, .. removals],
            HeldReason = blocked
                ? $"{unreadable} row(s) of the source cannot be read by key and may be any of the {candidates.Count} records gone from it: the run removes none and is held until they read"
                : hold
                ? $"Mirror would remove {candidates.Count} of the source's {held} contacts, more than MaxRemovals and MaxRemovalShare allow: the run removes none and is held until sync-once --source {policy.Name} --confirm-removals"
                : null,
        };
    }
}
