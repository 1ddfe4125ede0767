namespace ContactSync.Worker.Database;

/// <summary>Advisory lock keys the worker takes. Distinct from the keys Core takes for migrations and per-source runs.</summary>
internal static class AdvisoryLockKeys
{
    /// <summary>Hangfire schema install and the worker's own tables.</summary>
    public const long SchemaSetup = 0x4353_5F57_4B52_0001;

    /// <summary>Reconciling recurring jobs with configuration.</summary>
    public const long RecurringJobs = 0x4353_5F57_4B52_0002;
}
