using System.Text.Json.Nodes;

namespace ContactSync.Sandbox.Register;

/// <summary>
/// What tests and the demo change on the register, under <c>/_sandbox/register</c>: appointments, resignations,
/// service addresses, former names, new companies, and the stream's noise and retention. Every change is published.
/// </summary>
internal static class RegisterAdminEndpoints
{
    public sealed record NewCompany(string Number, string Name);

    public sealed record NewOfficer(
        string Name, string? Role, string? AppointedOn, RegisterAddress? Address, bool OmitSelfLink = false, bool Corporate = false, int? BirthMonth = null,
        int? BirthYear = null, string? AppointmentId = null);

    public sealed record Resignation(string? ResignedOn);

    public sealed record FormerName(string Name, string EffectiveFrom, string CeasedOn);

    public static IEndpointRouteBuilder MapRegisterAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_sandbox/register");
        admin.MapPost("/companies", (NewCompany body, RegisterStore store) =>
        {
            store.Add(body.Number, body.Name);
            return Results.Created($"/company/{body.Number}", null);
        });

        admin.MapGet("/companies/{number}", (string number, RegisterStore store) =>
            store.Render(number, company => new JsonObject { ["profile"] = RegisterJson.Profile(company), ["officers"] = RegisterJson.OfficerList(company, 0, int.MaxValue) })
                is { } both ? Results.Json(both) : Results.NotFound());

        admin.MapPost("/companies/{number}/officers", (string number, NewOfficer body, RegisterStore store) => Change(store, number, company =>
        {
            var k = 100 + company.Officers.Count;
            var officer = new RegisterOfficer(
                body.AppointmentId ?? RegisterSeeder.Id("ap", number, k), RegisterSeeder.Id("of", body.Name, k), body.Name, body.Role ?? "director",
                body.AppointedOn ?? "2026-11-01", null,
                body.BirthMonth is { } month && body.BirthYear is { } year ? (month, year) : body.Corporate ? null : (6, 1980),
                body.Address ?? RegisterSeeder.Address(k, 0), body.Corporate, body.OmitSelfLink);
            company.Officers.Add(officer);
            return (Results.Json(new { appointmentId = officer.AppointmentId }, statusCode: StatusCodes.Status201Created),
                [(RegisterStore.OfficersStream, RegisterStore.OfficerEvent(number, officer, "changed"))]);
        }));

        admin.MapPost("/companies/{number}/officers/{appointment}/resign", (string number, string appointment, Resignation body, RegisterStore store) =>
            ChangeOfficer(store, number, appointment, officer => officer with { ResignedOn = body.ResignedOn ?? "2026-11-30" }));

        admin.MapPut("/companies/{number}/officers/{appointment}/address", (string number, string appointment, RegisterAddress body, RegisterStore store) =>
            ChangeOfficer(store, number, appointment, officer => officer with { Address = body }));

        admin.MapPost("/companies/{number}/previous-names", (string number, FormerName body, RegisterStore store) => Change(store, number, company =>
        {
            company.PreviousNames.Insert(0, new RegisterPreviousName(body.Name, body.EffectiveFrom, body.CeasedOn));
            return (Results.NoContent(), [(RegisterStore.CompaniesStream, RegisterStore.ProfileEvent(company))]);
        }));

        admin.MapPost("/stream/noise", (int? count, RegisterStore store) =>
        {
            store.PublishNoise(Math.Clamp(count ?? 100, 1, 100_000));
            return Results.NoContent();
        });

        admin.MapPost("/stream/expire", (RegisterStore store) =>
        {
            store.ExpireEvents();
            return Results.NoContent();
        });

        return app;
    }

    private static IResult ChangeOfficer(RegisterStore store, string number, string appointment, Func<RegisterOfficer, RegisterOfficer> change)
        => Change(store, number, company =>
        {
            var index = company.Officers.FindIndex(officer => officer.AppointmentId == appointment);
            if (index < 0)
            {
                return (Results.NotFound(), []);
            }

            company.Officers[index] = change(company.Officers[index]);
            return (Results.NoContent(), [(RegisterStore.OfficersStream, RegisterStore.OfficerEvent(number, company.Officers[index], "changed"))]);
        });

    private static IResult Change(
        RegisterStore store, string number, Func<RegisterCompany, (IResult, IReadOnlyList<(string, RegisterEvent)>)> change)
    {
        try
        {
            return store.Change(number, change);
        }
        catch (KeyNotFoundException)
        {
            return Results.NotFound();
        }
    }
}
