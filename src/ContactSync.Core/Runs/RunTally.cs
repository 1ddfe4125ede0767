using ContactSync.Core.Sync;
namespace ContactSync.Core.Runs;

/// <summary>What one run has done so far, and whether it has been told to stop. Push counts are updated by every lane.</summary>
internal sealed class RunTally
{
    private int _created;
    private int _updated;
    private int _adopted;
    private int _linked;
    private int _conflicts;
    private int _removed;
    private int _rejected;
    private int _removalsFailed;
    private RunStop? _stop;

    // Written by the ingest alone, before the lanes start.
    public int Read { get; set; }
    public int Unchanged { get; set; }
    public int MappingRejected { get; set; }

    /// <summary>Records read that their source holds but has not verified (stored unverified).</summary>
    public int NotVerified { get; set; }
    public int Unkeyed { get; set; }

    public int Created => Volatile.Read(ref _created);
    public int Updated => Volatile.Read(ref _updated);
    public int Adopted => Volatile.Read(ref _adopted);
    public int Linked => Volatile.Read(ref _linked);

    /// <summary>Updates that met an edit made in Nexudus, whichever side won.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    public int Removed => Volatile.Read(ref _removed);

    /// <summary>
    /// Removals that did not happen (refused, failed, not sent): the ledger counts them as the run's failed records; this
    /// is for a run that lost its source, whose counts are its own.
    /// </summary>
    public int RemovalsFailed => Volatile.Read(ref _removalsFailed);

    /// <summary>Records Nexudus refused in this run.</summary>
    public int NexudusRejected => Volatile.Read(ref _rejected);

    public RunStop? Stop => Volatile.Read(ref _stop);

    /// <summary>Removals Mirror held back, and the contacts the source holds, when the run is held.</summary>
    public (int Removals, int Held, int Unreadable)? HeldRemovals { get; private set; }

    public void Hold(int removals, int held, int unreadable) => HeldRemovals = (removals, held, unreadable);

    /// <summary>Rows the source yielded without a usable source_id (unreadable lines, empty keys): written by the ingest alone.</summary>
    public int Unreadable { get; set; }

    public bool Stopped => Stop is not null;

    /// <summary>Records the first reason to stop; later ones (lanes meeting the same failure) are dropped.</summary>
    public void StopWith(RunStop stop) => Interlocked.CompareExchange(ref _stop, stop, null);

    public void CountRemoval(PushOutcome outcome)
    {
        if (outcome == PushOutcome.Failed)
        {
            Interlocked.Increment(ref _removalsFailed);
        }

        Count(outcome);
    }

    public void Count(PushOutcome outcome)
    {
        switch (outcome)
        {
            case PushOutcome.Created: Interlocked.Increment(ref _created); break;
            case PushOutcome.Updated: Interlocked.Increment(ref _updated); break;
            case PushOutcome.Adopted: Interlocked.Increment(ref _adopted); break;
            case PushOutcome.Linked: Interlocked.Increment(ref _linked); break;
            case PushOutcome.UpdatedOverConflict:
                Interlocked.Increment(ref _updated);
                Interlocked.Increment(ref _conflicts);
                break;
            case PushOutcome.Conflict: Interlocked.Increment(ref _conflicts); break;
            case PushOutcome.Removed: Interlocked.Increment(ref _removed); break;
            case PushOutcome.Rejected: Interlocked.Increment(ref _rejected); break;
        }
    }
}
