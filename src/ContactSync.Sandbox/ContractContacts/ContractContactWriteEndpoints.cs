using ContactSync.Sandbox.Api;
using ContactSync.Sandbox.Auth;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>Create, full-replace update (PUT to the collection with Id in the body) and delete.</summary>
internal static class ContractContactWriteEndpoints
{
    private const string Entity = "ContractContact";

    public static RouteGroupBuilder MapContractContactWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync);
        group.MapPut("/", UpdateAsync);
        group.MapDelete("/{id}", (string id, ContractContactStore store) =>
        {
            if (!int.TryParse(id, out var key) || store.Find(key) is not { } stored)
            {
                return ApiResults.NotFound();
            }

            // While Nexudus's identity checks run (AML status Pending) nobody may remove the contact; the refusal comes
            // as a 200 whose envelope says it was not done.
            if (stored.Fields.AmlCheckStatus == ContractContactTypes.AmlPending)
            {
                return ApiResults.NotDone("This contact cannot be removed while its identity checks are in progress.");
            }

            return store.Delete(key) ? ApiResults.Deleted(Entity, key) : ApiResults.NotFound();
        });
        return group;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, ContractContactValidator validator, ContractContactStore store, PlanLimits limits, CancellationToken cancellationToken)
    {
        if (await JsonBody.ReadObjectAsync(context.Request, cancellationToken) is not { } body)
        {
            return JsonBody.Malformed();
        }

        var validated = validator.Validate(body, isUpdate: false);
        if (!validated.IsValid)
        {
            return ApiResults.Invalid(validated.Errors);
        }

        var write = store.Create(validated.Fields!, User(context), limits.Check);
        return write.Record is { } created ? ApiResults.Created(Entity, created.Id) : ApiResults.Invalid([write.Rejection!]);
    }

    private static async Task<IResult> UpdateAsync(
        HttpContext context, ContractContactValidator validator, ContractContactStore store, PlanLimits limits, CancellationToken cancellationToken)
    {
        if (await JsonBody.ReadObjectAsync(context.Request, cancellationToken) is not { } body)
        {
            return JsonBody.Malformed();
        }

        var validated = validator.Validate(body, isUpdate: true);

        // An unknown Id is a 404 whatever else is wrong with the body; a missing Id is a validation error.
        if (validated.Id is > 0 and var id && store.Find(id) is null)
        {
            return ApiResults.NotFound();
        }

        if (!validated.IsValid)
        {
            return ApiResults.Invalid(validated.Errors);
        }

        var write = store.Replace(validated.Id!.Value, validated.Fields!, User(context), limits.Check);
        if (write.NotFound)
        {
            return ApiResults.NotFound();
        }

        return write.Record is { } updated
            ? ApiResults.Updated(Entity, updated.Id, SandboxDates.FormatInstant(updated.UpdatedOn), updated.UpdatedBy)
            : ApiResults.Invalid([write.Rejection!]);
    }

    private static string User(HttpContext context) => context.Features.Get<ApiClient>()?.Username ?? string.Empty;
}
