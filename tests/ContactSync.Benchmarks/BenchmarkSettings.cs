using System.Diagnostics.CodeAnalysis;

namespace ContactSync.Benchmarks;

/// <summary>What to run and how big. The quick sizes keep every figure meaningful at a fraction of the time.</summary>
internal sealed record BenchmarkSettings
{
    public const string Usage =
        "usage: ContactSync.Benchmarks --worker WORKER.dll --sandbox SANDBOX.dll --postgres CONNECTION_STRING --work-dir DIR [--quick] [--only backlog|large-source|live-account|register|crm|records-page|loaded-dashboard]";

    public required bool Quick { get; init; }
    public required string WorkerDll { get; init; }
    public required string SandboxDll { get; init; }
    public required string PostgresConnectionString { get; init; }
    public required string WorkDirectory { get; init; }

    /// <summary>W: the write limit both the Sandbox and the worker are configured with for the backlog.</summary>
    public int WritesPerMinute => Quick ? 240 : 120;

    /// <summary>Records in the backlog: at least half a window more than W (3 W in full), so W-th successors can be timed.</summary>
    public int BacklogRecords => 360;

    public int BacklogContracts => 120;
    public int LatencyMs => 200;
    public int JitterMs => 100;

    /// <summary>Contacts already in the account before the live-account first load, on <see cref="LiveAccountContracts"/> contracts.</summary>
    public int ExistingContacts => Quick ? 5_000 : 20_000;

    /// <summary>Rows of the live-account source; a tenth of them are people already in the account.</summary>
    public int LiveAccountRows => Quick ? 2_000 : 5_000;

    public int LiveAccountContracts => 500;

    /// <summary>Companies the register source manages (seeded customers with a register number).</summary>
    public int RegisterCompanies => Quick ? 200 : 1_000;

    /// <summary>Records synced once and then re-synced unchanged.</summary>
    public int NoOpRecords => Quick ? 10_000 : 100_000;

    /// <summary>Rows of the large source streamed for the memory figure, and of the small one that bounds it.</summary>
    public int MemoryRows => Quick ? 200_000 : 1_000_000;

    public int MemoryBoundRows => 1_000;

    public string ModeName => Quick ? "quick" : "full";

    /// <summary>One scenario only (its name), or null for all.</summary>
    public string? Only { get; init; }

    public bool Runs(string scenario) => Only is null || string.Equals(Only, scenario, StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchmarkSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--worker" or "--sandbox" or "--postgres" or "--work-dir" or "--only" when i + 1 < args.Length:
                    values[args[i]] = args[++i];
                    break;
                default:
                    error = $"unknown or incomplete argument: {args[i]}";
                    return false;
            }
        }

        foreach (var required in new[] { "--worker", "--sandbox", "--postgres", "--work-dir" })
        {
            if (!values.ContainsKey(required))
            {
                error = $"missing {required}";
                return false;
            }
        }

        settings = new BenchmarkSettings
        {
            Quick = quick,
            WorkerDll = Path.GetFullPath(values["--worker"]),
            SandboxDll = Path.GetFullPath(values["--sandbox"]),
            PostgresConnectionString = values["--postgres"],
            WorkDirectory = Path.GetFullPath(values["--work-dir"]),
            Only = values.GetValueOrDefault("--only"),
        };
        error = null;
        return true;
    }
}
