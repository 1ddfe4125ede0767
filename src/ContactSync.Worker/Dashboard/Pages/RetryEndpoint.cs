using ContactSync.Core.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// POST /contactsync/retry. Binding from the form makes the antiforgery middleware validate the token: Basic
/// credentials are sent by the browser on every request, so without it any page could post here.
/// </summary>
internal static class RetryEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        [FromForm] string source,
        [FromForm] string? sourceId,
        RetryRecords retry,
        IOptionsMonitor<ContactSyncOptions> options,
        ILogger<RetryRecords> logger,
        CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Sources.Exists(configured => string.Equals(configured.Name, source, StringComparison.Ordinal)))
        {
            return Results.NotFound();
        }

        var (requeued, jobId) = await retry.RetryAsync(source, string.IsNullOrEmpty(sourceId) ? null : sourceId, cancellationToken);
        Log.RetryRequested(logger, source, requeued, jobId);

        var target = $"{context.Request.PathBase}/contactsync/attention?requeued={requeued}&source={Uri.EscapeDataString(source)}";
        return Results.Redirect(target);
    }
}
