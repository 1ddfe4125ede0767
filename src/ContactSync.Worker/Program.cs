using ContactSync.Worker.Hooks;
using ContactSync.Worker.Alerts;
using ContactSync.Worker.Cli;
using ContactSync.Worker.Configuration;
using ContactSync.Worker.Dashboard;
using ContactSync.Worker.Dashboard.Auth;
using ContactSync.Worker.Hangfire;
using ContactSync.Worker.Health;
using ContactSync.Worker.Logging;
using ContactSync.Worker.Metrics;
using ContactSync.Worker.Streams;
using Serilog;
using Serilog.Events;
using Log = Serilog.Log;

// Until the host's logger is built, anything logged goes to stderr.
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(LoggingRegistration.TextFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
    .CreateBootstrapLogger();
try
{
    return await WorkerCommandLine.RunAsync(args, RunWorkerAsync);
}
catch (Exception ex)
{
    Log.Fatal(ex, "ContactSync stopped on an unexpected error");
    return ExitCodes.Fatal;
}
finally
{
    await Log.CloseAndFlushAsync();
}

// `run`: Hangfire's server, the dashboards and the health probes on ASPNETCORE_URLS / --urls.
static async Task<int> RunWorkerAsync(string[] args)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddContactSyncBasics();
    builder.AddContactSyncHangfire();
    builder.AddContactSyncDashboard();
    builder.AddContactSyncHealth();
    builder.AddContactSyncStreams();
    builder.AddContactSyncMetrics();
    builder.AddContactSyncAlerts();

    await using var app = builder.Build();
    app.Services.ValidateConfiguration();
    await app.Services.CheckDashboardKeysAsync();
    app.UseContactSyncRequestLogging();
    app.UseContactSyncAuthentication();
    app.UseAntiforgery();
    app.MapContactSyncHealth();
    app.MapContactSyncMetrics();
    app.MapSourceHooks();
    app.MapContactSyncDashboard();
    await app.RunAsync();
    return ExitCodes.Success;
}
