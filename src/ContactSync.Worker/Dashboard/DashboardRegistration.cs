using ContactSync.Core.Telemetry;
using ContactSync.Core.Views;
using ContactSync.Worker.Dashboard.Api;
using ContactSync.Worker.Dashboard.Auth;
using ContactSync.Worker.Dashboard.Pages;
using ContactSync.Worker.Database;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ContactSync.Worker.Dashboard;

public static class DashboardRegistration
{
    private const string HangfirePath = "/hangfire";
    private const string PagesPath = "/contactsync";

    private static int s_menuAdded;

    // Hangfire's job page renderers are process-wide too; they read through the latest host's store.
    private static RunDetails? s_runDetails;

    public static IHostApplicationBuilder AddContactSyncDashboard(this IHostApplicationBuilder builder)
    {
        builder.AddContactSyncAuthentication();

        builder.Services.AddDataProtection().SetApplicationName("ContactSync");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(keys =>
                keys.XmlRepository = new DataProtectionKeyRepository(PoolServices.Dashboard(services))));
        builder.Services.AddAntiforgery();

        // The pages' reads on the dashboard's own pool: a crowd of readers waits for its connections, never the sync's.
        builder.Services.AddSingleton(services => new AttentionQuery(PoolServices.Dashboard(services), services.GetRequiredService<RecordBrowser>()));
        builder.Services.AddSingleton<RetryRecords>();
        builder.Services.AddSingleton<RecordRequeue>();
        builder.Services.AddSingleton(services => new RecordBrowser(PoolServices.Dashboard(services)));
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton(services => new RunBrowser(PoolServices.Dashboard(services)));
        builder.Services.AddSingleton(services => new RecordHistory(PoolServices.Dashboard(services)));
        builder.Services.AddSingleton(services => new AuditLog(PoolServices.Dashboard(services)));
        builder.Services.AddSingleton(services => new RunDetails(PoolServices.Dashboard(services)));
        builder.Services.AddSingleton<PageResults>();
        builder.Services.AddRazorComponents();
        builder.Services.AddDashboardLimits();
        return builder;
    }

    /// <summary>Hangfire's dashboard and the product's pages, both behind the "Viewers" policy; actions behind "Operators".</summary>
    public static WebApplication MapContactSyncDashboard(this WebApplication app)
    {
        var credentials = app.Services.GetRequiredService<IOptions<DashboardCredentials>>().Value;
        if (!credentials.IsConfigured)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardRegistration));
            if (credentials.AllowAnonymousLoopback)
            {
                DashboardLogMessages.DashboardLoopbackOnly(logger);
            }
            else
            {
                DashboardLogMessages.DashboardClosed(logger);
            }
        }

        // This overload clears Hangfire's local-only filter and relies on the endpoint policy alone; the other
        // overloads keep that filter and answer 401 to everyone behind an ingress.
        app.UseRateLimiter();
        app.MapHangfireDashboardWithAuthorizationPolicy(DashboardPolicies.Viewers, HangfirePath, new DashboardOptions
        {
            DashboardTitle = "ContactSync",
            AppPath = PagesPath,
            DisplayStorageConnectionString = false,

            // Viewers see everything but may not requeue, delete or trigger.
            IsReadOnlyFunc = static context => !context.GetHttpContext().User.IsOperator(),
        }).RequireRateLimiting(DashboardLimits.Policy);
        Volatile.Write(ref s_runDetails, app.Services.GetRequiredService<RunDetails>());
        AddMenuLink();

        // Hangfire's pages run their own inline scripts, so its CSP cannot be the pages' strict one; they still may not
        // be framed, sniffed or post elsewhere, and say nothing of where they were opened from.
        app.Use(static async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(HangfirePath, StringComparison.OrdinalIgnoreCase))
            {
                SecurityHeaders.Apply(context.Response.Headers, SecurityHeaders.HangfirePolicy);
            }

            await next(context);
        });

        // Browsers ask for an icon on every first visit; none is an answer, not an error in their console.
        app.MapGet("/favicon.ico", static () => Results.NoContent()).AllowAnonymous();

        var pages = app.MapGroup(PagesPath).RequireAuthorization(DashboardPolicies.Viewers).RequireRateLimiting(DashboardLimits.Policy);
        pages.MapContactSyncPages();
        pages.MapContactSyncActions();
        pages.MapContactSyncApi();
        return app;
    }

    // Hangfire's menu is process-wide; add the link once even if several hosts are built (tests).
    private static void AddMenuLink()
    {
        if (Interlocked.Exchange(ref s_menuAdded, 1) == 0)
        {
            // With a badge on every Hangfire page, the home page included: a green job can still have left records an
            // operator must see. The figure is the one /metrics reports, read from the ledger every 30 s.
            var attention = new DashboardMetric("contactsync:attention", "ContactSync records needing attention", _ =>
            {
                var total = ContactSyncMetrics.Standing.Attention.Values.Sum();
                return new Metric(total) { Style = total > 0 ? MetricStyle.Warning : MetricStyle.Default, Highlighted = total > 0 };
            });
            DashboardMetrics.AddMetric(attention);
            NavigationMenu.Items.Add(page => new MenuItem("ContactSync", SiblingOfDashboard(page.Url.To(""))) { Metric = attention });

            // A sync job's page links to the run it started (the run's page links back to the job).
            GlobalConfiguration.Configuration.UseJobDetailsRenderer(10, details =>
            {
                if (details.JobDetails?.Job?.Type != typeof(Jobs.SyncSourceJob) || Volatile.Read(ref s_runDetails)?.FindByJob(details.JobId) is not { } run)
                {
                    return new NonEscapedString("");
                }

                var link = SiblingOfDashboard(details.Page.Url.To("")) + "/runs/" + run.ToString("D");
                return new NonEscapedString(
                    "<div class=\"alert alert-info\">ContactSync run: <a href=\"" + System.Net.WebUtility.HtmlEncode(link) + "\">" + run.ToString("D") + "</a></div>");
            });
        }
    }

    private static string SiblingOfDashboard(string dashboardBase)
        => (dashboardBase.EndsWith(HangfirePath, StringComparison.Ordinal) ? dashboardBase[..^HangfirePath.Length] : "") + PagesPath;
}
