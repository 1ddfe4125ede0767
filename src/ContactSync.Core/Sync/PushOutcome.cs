namespace ContactSync.Core.Sync;

/// <summary>Where one record ended after the push.</summary>
public enum PushOutcome
{
    Created,
    Updated,
    Adopted,
    Rejected,
    Failed,
}
