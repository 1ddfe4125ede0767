using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Throttling;

namespace ContactSync.Sandbox.Faults;

/// <summary>Applies the planned latency and fault to API calls that got past auth and throttling.</summary>
internal sealed class FaultInjectionMiddleware(
    RequestDelegate next, FaultPlanner planner, TimeProvider time, ILogger<FaultInjectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The register, the CRM and Sumsub meet only the faults queued for their paths: the random rates are Nexudus's.
        var scriptedOnly = Register.RegisterPaths.IsRest(context.Request.Path) || HubSpot.HubSpotPaths.IsCrm(context.Request.Path)
            || Sumsub.SumsubPaths.IsResources(context.Request.Path);
        if (!ApiPaths.IsProtectedApi(context.Request.Path) && !scriptedOnly)
        {
            await next(context);
            return;
        }

        var plan = scriptedOnly ? planner.PlanScripted(context.Request.Method, context.Request.Path) : planner.Plan(context.Request.Method, context.Request.Path);
        if (plan.Latency > TimeSpan.Zero && !await DelayAsync(plan.Latency, context.RequestAborted))
        {
            return;
        }

        if (plan.Fault is not { } fault || fault == FaultKind.Pass)
        {
            await next(context);
            return;
        }

        SandboxLogMessages.Injected(logger, fault, context.Request.Method);
        switch (fault)
        {
            case FaultKind.Error500:
                await ApiResults.ServerError().ExecuteAsync(context);
                break;
            case FaultKind.Error502:
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                break;
            case FaultKind.Error503:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case FaultKind.Throttle409:
                await ThrottledResponse.WriteAsync(context, TimeSpan.FromSeconds(planner.Settings.Throttle409RetryAfterSeconds), ThrottleStyle.Conflict409);
                break;
            case FaultKind.Throttle429:
                await ThrottledResponse.WriteAsync(context, TimeSpan.FromSeconds(planner.Settings.Throttle409RetryAfterSeconds), ThrottleStyle.TooMany429Body);
                break;
            case FaultKind.Hang:
                if (await DelayAsync(TimeSpan.FromSeconds(planner.Settings.HangSeconds), context.RequestAborted))
                {
                    context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                }

                break;
            case FaultKind.Drop:
                ConnectionDrop.Abort(context);
                break;
            case FaultKind.CommitThenDrop:
                await CommitThenDropAsync(context);
                break;
            case FaultKind.SlowBody:
                await SlowBodyAsync(context, TimeSpan.FromSeconds(planner.Settings.SlowBodySeconds));
                break;
            case FaultKind.HugeBody:
                await HugeBodyAsync(context, planner.Settings.HugeBodyMegabytes);
                break;
            case FaultKind.NotFound404:
                await ApiResults.NotFound().ExecuteAsync(context);
                break;
            case FaultKind.RepeatFirstPage:
                await RepeatFirstPageAsync(context);
                break;
            case FaultKind.Forbidden403:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { Message = "Authorization has been denied for this request." }, context.RequestAborted);
                break;
            case FaultKind.Refused:
                await ApiResults.NotDone("The request could not be completed at this time.").ExecuteAsync(context);
                break;
            default:
                throw new InvalidOperationException($"Unknown fault kind {fault}.");
        }
    }

    private async Task CommitThenDropAsync(HttpContext context)
    {
        // The handler writes into a sink instead of the connection, so the store changes but not one byte
        // of the response (not even the status line) reaches the client before the abort.
        context.Response.Body = Stream.Null;
        await next(context);
        ConnectionDrop.Abort(context);
    }

    /// <summary>The first answer to this path, captured as it is sent; every later call gets it again unprocessed.</summary>
    private async Task RepeatFirstPageAsync(HttpContext context)
    {
        var (method, path) = (context.Request.Method, context.Request.Path);
        if (planner.Remembered(method, path) is not { } answer)
        {
            var original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            answer = new RememberedAnswer(context.Response.StatusCode, context.Response.ContentType, captured.ToArray());
            planner.Remember(method, path, answer);
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>
    /// The handler's answer is captured, then sent with its status and headers at once and its body a byte at a time,
    /// spread over <paramref name="duration"/>: the client hears back straight away and then waits on the body.
    /// </summary>
    private async Task SlowBodyAsync(HttpContext context, TimeSpan duration)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        await next(context);
        context.Response.Body = original;

        var body = captured.ToArray();
        context.Response.ContentLength = body.Length;
        await context.Response.StartAsync(context.RequestAborted);
        var pause = body.Length > 0 ? duration / body.Length : duration;
        try
        {
            foreach (var value in body)
            {
                if (!await DelayAsync(pause, context.RequestAborted))
                {
                    return;
                }

                await original.WriteAsync(new[] { value }, context.RequestAborted);
                await original.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up on the body: what this fault is for.
        }
    }

    /// <summary>A well-formed start of a list page, then padding until the body is <paramref name="megabytes"/> long.</summary>
    private static async Task HugeBodyAsync(HttpContext context, int megabytes)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        var cancellationToken = context.RequestAborted;
        var body = context.Response.Body;
        try
        {
            await body.WriteAsync("{\"Records\":[],\"Padding\":\""u8.ToArray(), cancellationToken);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            for (long sent = 0; sent < megabytes * 1024L * 1024L; sent += chunk.Length)
            {
                await body.WriteAsync(chunk, cancellationToken);
            }

            await body.WriteAsync("\"}"u8.ToArray(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client stopped reading: what this fault is for.
        }
    }

    /// <summary>False when the client gave up during the wait.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
