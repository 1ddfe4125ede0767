using System.Globalization;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>
/// Sizes and seeds of the exactly-once scenarios. CI runs the small variants; <c>CONTACTSYNC_LONG_TESTS=1</c>
/// selects the long ones (more records, more faults, more kills). <c>CONTACTSYNC_TEST_SEED=N</c> replays a run:
/// every random choice of a scenario (which rows are invalid, the Sandbox's faults and jitter, kill moments)
/// comes from it, and each scenario prints its seed.
/// </summary>
internal static class ExactlyOnceSettings
{
    public const string LongSwitch = "CONTACTSYNC_LONG_TESTS";
    public const string SeedVariable = "CONTACTSYNC_TEST_SEED";

    public static bool Long { get; } = Environment.GetEnvironmentVariable(LongSwitch) == "1";

    /// <summary>The spec's scenario at full size even in CI: the limits are off, so 1,000 records take seconds.</summary>
    public static int FaultRecords => Long ? 5_000 : 1_000;

    /// <summary>Share of Nexudus calls that fail, mixed over 5xx, 409, drops, commit-then-drop and hangs.</summary>
    public static double FaultRate => Long ? 0.3 : 0.2;

    public static int KillRecords => Long ? 1_000 : 200;

    public static int Kills => Long ? 30 : 10;

    public static int ConcurrentRecords => Long ? 2_000 : 300;

    public static int ConcurrentRounds => Long ? 4 : 2;

    public static int RestartRecords => Long ? 2_000 : 300;

    public static int Restarts => Long ? 3 : 1;

    public static int TermRecords => Long ? 1_000 : 200;

    public static int FencingRecords => Long ? 2_000 : 600;

    /// <summary>Share of invalid rows in every synthetic source.</summary>
    public const double InvalidShare = 0.1;

    public static int NewSeed()
    {
        var given = Environment.GetEnvironmentVariable(SeedVariable);
        return string.IsNullOrWhiteSpace(given)
            ? Random.Shared.Next(1, int.MaxValue)
            : int.Parse(given, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
