using System.ComponentModel.DataAnnotations;
using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Sources;

public enum SourceType
{
    Csv,
    CompaniesHouse,
    HubSpot,
    Sumsub,
}

/// <summary>What a source may do to the contacts in Nexudus (<c>ContactSync:Sources:N:Mode</c>).</summary>
public enum SyncMode
{
    /// <summary>Creates and links; never changes or removes a contact that exists.</summary>
    CreateOnly,

    /// <summary>Also brings a contact up to date when its source record changes (GET, change the mapped fields, PUT).</summary>
    Upsert,

    /// <summary>Upsert, and removes the contacts it created whose records are gone from a complete read of the source.</summary>
    Mirror,
}

/// <summary>What an update does to a field the source supplies but a record leaves empty (<c>ContactSync:Sources:N:EmptyValues</c>).</summary>
public enum EmptyValues
{
    /// <summary>Leaves what Nexudus holds: an empty cell is taken as "not known here", never as "erase".</summary>
    Keep,

    /// <summary>Clears the field, on contacts ContactSync created (never on one it found: somebody typed that in).</summary>
    Clear,
}

/// <summary>Who owns one field of the contacts a source writes (<c>ContactSync:Sources:N:Fields:&lt;Field&gt;</c>).</summary>
public enum FieldPolicy
{
    /// <summary>The source's, when it supplies the field: written on create and kept equal on update.</summary>
    Own,

    /// <summary>Written on create, and on update only where Nexudus holds nothing: after that, Nexudus's.</summary>
    SetIfEmpty,

    /// <summary>Nexudus's: never written, never compared.</summary>
    Ignore,
}

/// <summary>One configured source: <c>ContactSync:Sources:N</c>.</summary>
public sealed class SourceOptions
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "must be 1-63 lower-case letters, digits or '-'")]
    public string Name { get; set; } = "";

    [Required]
    public SourceType? Type { get; set; }

    /// <summary>For <see cref="SourceType.Csv"/>: the file to read.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// A CSV file with the columns <c>company_ref,coworker_contract_id</c>: the contract of each company, over what
    /// the Nexudus coworker field says (<c>ContactSync:ContractResolution:CoworkerField</c>).
    /// </summary>
    public string? ContractMapPath { get; set; }

    /// <summary>Cron expression, evaluated in UTC.</summary>
    [Required]
    public string Schedule { get; set; } = "";

    public SyncMode Mode { get; set; } = SyncMode.Upsert;

    public ConflictPolicy Conflicts { get; set; } = ConflictPolicy.SourceWins;

    /// <summary>In <see cref="SyncMode.Mirror"/>, also remove contacts ContactSync found (linked or adopted), not only those it created.</summary>
    public bool MirrorFound { get; set; }

    /// <summary>
    /// A run that would remove more than this many contacts, and more than <see cref="MaxRemovalShare"/> of the
    /// source's, removes none and waits for an operator (<c>sync-once --source NAME --confirm-removals</c>).
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxRemovals { get; set; } = 25;

    [Range(0.0, 1.0)]
    public double MaxRemovalShare { get; set; } = 0.1;

    /// <summary>
    /// How often a run reads Nexudus whole to notice contacts deleted or edited there (drift); the clock starts at the
    /// source's first run, and zero checks on every run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// When several sources bring the same person (the register and the CRM), they share one contact, and the source
    /// that ranks first writes its fields on Upsert: the highest priority, then the source listed first.
    /// </summary>
    [Range(-1000, 1000)]
    public int Priority { get; set; }

    /// <summary>What an update does to a field the source supplies but a record leaves empty.</summary>
    public EmptyValues EmptyValues { get; set; } = EmptyValues.Keep;

    /// <summary>
    /// Per field (by Nexudus's name, <c>PhoneNumber</c>, or the column's, <c>phone</c>), who owns it when the source
    /// supplies it; a field not listed is <see cref="FieldPolicy.Own"/>. A field the source does not supply is never its.
    /// </summary>
    public Dictionary<string, FieldPolicy> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
