namespace ContactSync.Core.Sync;

/// <summary>Where one record ended after the push.</summary>
public enum PushOutcome
{
    Created,
    Updated,
    Adopted,

    /// <summary>Linked to the contact already on its contract (or held under its former key): nothing was created.</summary>
    Linked,
    Rejected,
    Failed,

    /// <summary>The record changed after the run read it (another run is dealing with it): nothing was sent.</summary>
    Skipped,
}
