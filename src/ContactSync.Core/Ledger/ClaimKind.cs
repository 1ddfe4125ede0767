namespace ContactSync.Core.Ledger;

/// <summary>What a run claims a record for; each kind marks the record differently (see <see cref="Push.ClaimStore.ClaimAsync"/>).</summary>
public enum ClaimKind
{
    /// <summary>Look up a create in doubt. Nothing is sent, so the record's doubt and its in-flight time stay as they are.</summary>
    Resolve,

    /// <summary>POST a new contact: the record is in doubt from this moment until the answer is known.</summary>
    Create,

    /// <summary>GET, overlay and PUT an existing contact: idempotent, so never in doubt.</summary>
    Update,
}
