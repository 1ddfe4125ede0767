using ContactSync.Core;
using ContactSync.Worker.Database;
using ContactSync.Worker.Logging;
using ContactSync.Worker.Testing;

namespace ContactSync.Worker.Configuration;

public static class WorkerBasics
{
    /// <summary>
    /// What every way of running the worker needs, the host and the one-shot commands alike: its configuration checked
    /// at start, logging, the database, and Core.
    /// </summary>
    public static IHostApplicationBuilder AddContactSyncBasics(this IHostApplicationBuilder builder, bool logToStandardError = false)
    {
        builder.AddContactSyncConfiguration();
        builder.AddContactSyncLogging(logToStandardError);
        builder.AddContactSyncTestClock();
        builder.AddContactSyncDatabase();
        builder.AddContactSyncCore();
        return builder;
    }
}
