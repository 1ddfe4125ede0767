using ContactSync.Sandbox.Admin;

namespace ContactSync.Sandbox.ContractContacts;

internal static class ContractContactsExtensions
{
    public const string Route = "/api/billing/contractcontacts";

    public static IHostApplicationBuilder AddContractContacts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContractContactOptions>().BindConfiguration(ContractContactOptions.SectionName);
        builder.Services.AddSandboxState<ContractContactStore>();
        builder.Services.AddSingleton<ContractContactValidator>();
        builder.Services.AddSingleton<ContractContactMapper>();
        builder.Services.AddSingleton<PlanLimits>();
        return builder;
    }

    public static IEndpointRouteBuilder MapContractContacts(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Route).MapContractContactReads().MapContractContactWrites();
        return app;
    }
}
