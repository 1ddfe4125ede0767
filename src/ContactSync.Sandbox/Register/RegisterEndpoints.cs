using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Register;

/// <summary>The register's REST endpoints and its streams, shaped as Companies House serves them.</summary>
internal static class RegisterEndpoints
{
    public static IEndpointRouteBuilder MapRegister(this IEndpointRouteBuilder app)
    {
        app.MapGet("/company/{number}", (string number, RegisterStore store) =>
            store.Render(number, RegisterJson.Profile) is { } profile ? Results.Json(profile) : NotFound("company-profile-not-found"));

        app.MapGet("/company/{number}/officers", (string number, HttpRequest request, RegisterStore store, IOptionsMonitor<RegisterOptions> options) =>
        {
            var settings = options.CurrentValue;
            var size = int.TryParse(request.Query["items_per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
                ? Math.Min(asked, settings.MaxPageSize)
                : settings.DefaultPageSize;
            var start = int.TryParse(request.Query["start_index"], NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : 0;
            return store.Render(number, company => RegisterJson.OfficerList(company, start, size)) is { } list
                ? Results.Json(list)
                : NotFound("company-officers-not-found");
        });

        app.MapGet("/stream/{stream}", StreamAsync);
        return app;
    }

    private static IResult NotFound(string error)
        => Results.Json(new { errors = new[] { new { error, type = "ch:service" } } }, statusCode: StatusCodes.Status404NotFound);

    // A long-lived answer: the events after the timepoint asked for (or from now), then each new one as it is published,
    // and a blank line whenever the stream has been quiet for KeepAliveSeconds.
    private static async Task StreamAsync(string stream, HttpContext context, RegisterStore store, IOptionsMonitor<RegisterOptions> options)
    {
        if (stream is not (RegisterStore.OfficersStream or RegisterStore.CompaniesStream))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        long? timepoint = long.TryParse(context.Request.Query["timepoint"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? asked : null;
        var last = timepoint ?? store.LatestTimepoint(stream);
        if (store.EventsAfter(stream, last) is null)
        {
            context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var keepAlive = TimeSpan.FromSeconds(options.CurrentValue.KeepAliveSeconds);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                var published = store.Published;
                var events = store.EventsAfter(stream, last) ?? [];
                foreach (var e in events)
                {
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(RegisterJson.Event(e) + "\n"), context.RequestAborted);
                    last = e.Timepoint;
                }

                await context.Response.Body.FlushAsync(context.RequestAborted);
                var quiet = await Task.WhenAny(published, Task.Delay(keepAlive, context.RequestAborted)) != published;
                if (quiet && !context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The listener went away.
        }
    }
}
