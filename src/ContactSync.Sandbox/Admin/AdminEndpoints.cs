using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ContactSync.Sandbox.Auth;
using ContactSync.Sandbox.ContractContacts;
using ContactSync.Sandbox.Faults;
using ContactSync.Sandbox.Throttling;

namespace ContactSync.Sandbox.Admin;

/// <summary>
/// The test harness's back door under /_sandbox: no token, no throttling, no faults, and not counted in
/// the stats, so inspecting the Sandbox never disturbs what it measures.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox");
        admin.MapGet("/health", () => Results.Json(new { Status = "Healthy" }));
        admin.MapGet("/contractcontacts", (ContractContactStore store, ContractContactMapper mapper) =>
            Results.Json(store.All().Select(mapper.ToRecord).ToList()));
        admin.MapPost("/contractcontacts", SeedContacts);
        admin.MapGet("/stats", (RequestStats stats) => Results.Json(stats.Snapshot()));
        admin.MapGet("/arrivals", (ArrivalGaps arrivals) => Results.Json(arrivals.Snapshot()));
        admin.MapPost("/reset", (IEnumerable<ISandboxState> states) =>
        {
            foreach (var state in states)
            {
                state.Reset();
            }

            return Results.NoContent();
        });

        admin.MapGet("/faults", (FaultPlanner planner) => Results.Json(new { Settings = planner.Settings, Scripted = planner.Scripted }));
        admin.MapPut("/faults", (FaultOptions settings, FaultPlanner planner) =>
            Apply(settings, () => planner.Replace(settings), () => planner.Settings));
        admin.MapPost("/faults/next", (ScriptedFault fault, FaultPlanner planner) =>
        {
            if (fault.Count < 1)
            {
                return Results.BadRequest(new { Message = "Count must be 1 or more." });
            }

            planner.Enqueue(fault);
            return Results.Json(planner.Scripted);
        });
        admin.MapDelete("/faults/next", (FaultPlanner planner) =>
        {
            planner.ClearScripted();
            return Results.NoContent();
        });

        admin.MapPost("/auth/revoke", (Credentials credentials, string? password) =>
        {
            credentials.Revoke(password);
            return Results.NoContent();
        });

        admin.MapGet("/throttling", (SlidingWindowThrottle throttle) => Results.Json(throttle.Settings));
        admin.MapPut("/throttling", (ThrottleOptions settings, SlidingWindowThrottle throttle) =>
            Apply(settings, () => throttle.Replace(settings), () => throttle.Settings));
        return app;
    }

    /// <summary>
    /// Puts contacts on contracts as the account's people would have (staff, customers in the onboarding, Nexudus's own
    /// AML checks): each body is validated like a create, may carry AML results and a linked coworker, and is stored
    /// as made by <c>UpdatedBy</c> (default a receptionist). The Ids come back in order; nothing is stored unless every
    /// body is valid.
    /// </summary>
    private static IResult SeedContacts(JsonElement[] bodies, ContractContactValidator validator, ContractContactStore store)
    {
        var validated = bodies.Select(body => (Body: body, Result: validator.Validate(body, isUpdate: false))).ToList();
        var invalid = validated.Select((pair, index) => (pair.Result, index)).Where(pair => !pair.Result.IsValid).ToList();
        if (invalid.Count > 0)
        {
            return Results.BadRequest(new
            {
                Message = $"{invalid.Count} of {bodies.Length} contacts are invalid.",
                Errors = invalid.Select(pair => new { Index = pair.index, pair.Result.Errors }),
            });
        }

        var ids = validated
            .Select(pair => store.Create(pair.Result.Fields!, UpdatedBy(pair.Body), static (_, _) => null).Record!.Id)
            .ToList();
        return Results.Json(new { Ids = ids });
    }

    private static string UpdatedBy(JsonElement body)
        => body.TryGetProperty("UpdatedBy", out var user) && user.ValueKind == JsonValueKind.String ? user.GetString()! : "reception@sandbox.example";

    /// <summary>Runs the same data-annotation checks as start-up before swapping settings in.</summary>
    private static IResult Apply(object settings, Action replace, Func<object> current)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            return Results.BadRequest(new { Message = string.Join(" ", results.Select(result => result.ErrorMessage)) });
        }

        replace();
        return Results.Json(current());
    }
}
