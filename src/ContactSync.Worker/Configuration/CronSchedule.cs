using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace ContactSync.Worker.Configuration;

/// <summary>
/// Checks a schedule with the parser Hangfire itself uses when the recurring job is registered, so what passes
/// here registers at start. Hangfire keeps that parser private, so the check offers the expression to a
/// <see cref="RecurringJobManager"/> over a storage that stops the call once parsing has succeeded.
/// </summary>
internal static class CronSchedule
{
    private static readonly Job Probe = Job.FromExpression(() => Nothing());

    private static readonly RecurringJobManager Parser = new(new ParseOnlyStorage());

    public static bool IsValid(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        try
        {
            Parser.AddOrUpdate("schedule-check", Probe, expression, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return true;
        }
        catch (ParsedException)
        {
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static void Nothing()
    {
    }

    private sealed class ParsedException : Exception;

    /// <summary>Reached only after the expression parsed; nothing is ever stored.</summary>
    private sealed class ParseOnlyStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new ParsedException();

        public override IStorageConnection GetConnection() => throw new ParsedException();
    }
}
