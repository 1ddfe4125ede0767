namespace ContactSync.Sandbox.Api;

/// <summary>The response shapes Nexudus uses, in one place so every entity answers alike.</summary>
internal static class ApiResults
{
    public static IResult NotFound() => Results.Text("Not found", "text/plain", statusCode: StatusCodes.Status404NotFound);

    public static IResult Created(string entity, int id) =>
        Results.Json(new WriteEnvelope(200, $"{entity} was successfully created.", new EntityId(id), null, null, true, null));

    public static IResult Updated(string entity, int id, string updatedOn, string updatedBy) =>
        Results.Json(new WriteEnvelope(200, $"{entity} was successfully updated.", new EntityId(id), updatedOn, updatedBy, true, null));

    /// <summary>A command Nexudus refused though the call itself went through: 200, with <c>WasSuccessful:false</c>.</summary>
    public static IResult NotDone(string message) =>
        Results.Json(new WriteEnvelope(StatusCodes.Status200OK, message, null, null, null, false, null));

    public static IResult Deleted(string entity, int id) =>
        Results.Json(new WriteEnvelope(200, $"{entity} was successfully deleted.", new EntityId(id), null, null, true, null));

    public static IResult Invalid(IReadOnlyList<ValidationError> errors)
    {
        var message = string.Join(" ", errors.Select(error => $"{error.PropertyName}: {error.Message}"));
        return Results.Json(
            new WriteEnvelope(400, message, null, null, null, false, errors),
            statusCode: StatusCodes.Status400BadRequest);
    }

    public static IResult Invalid(string propertyName, string message) => Invalid([new ValidationError(null, message, propertyName)]);

    public static IResult InvalidFilters(IReadOnlyList<string> names) =>
        Results.Json(
            new { Message = $"The request is invalid. Unreadable filter value for: {string.Join(", ", names)}." },
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult ServerError() =>
        Results.Json(new { Message = "An error has occurred." }, statusCode: StatusCodes.Status500InternalServerError);
}
