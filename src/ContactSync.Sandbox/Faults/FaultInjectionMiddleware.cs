using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Throttling;

namespace ContactSync.Sandbox.Faults;

/// <summary>Applies the planned latency and fault to API calls that got past auth and throttling.</summary>
internal sealed class FaultInjectionMiddleware(
    RequestDelegate next, FaultPlanner planner, TimeProvider time, ILogger<FaultInjectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsProtectedApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        var plan = planner.Plan(context.Request.Method, context.Request.Path);
        if (plan.Latency > TimeSpan.Zero && !await DelayAsync(plan.Latency, context.RequestAborted))
        {
            return;
        }

        if (plan.Fault is not { } fault)
        {
            await next(context);
            return;
        }

        FaultLog.Injected(logger, fault, context.Request.Method);
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
                ThrottledResponse.Write(context, TimeSpan.FromSeconds(planner.Settings.Throttle409RetryAfterSeconds));
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
