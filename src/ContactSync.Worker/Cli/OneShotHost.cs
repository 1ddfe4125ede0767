using ContactSync.Worker.Configuration;

namespace ContactSync.Worker.Cli;

/// <summary>A plain host for one-shot commands: the product's services and the database, no web server, no Hangfire server.</summary>
internal static class OneShotHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddContactSyncBasics(logToStandardError: true);

        var host = builder.Build();
        host.Services.ValidateConfiguration();
        return host;
    }
}
