using ContactSync.Core.Sources;
using ContactSync.Core.Sources.CompaniesHouse;
using ContactSync.Core.Sources.Csv;
using ContactSync.Core.Sources.HubSpot;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSync.Core;

/// <summary>The kinds of source ContactSync can read: one line each.</summary>
public static class SourceRegistration
{
    public static IServiceCollection AddContactSources(this IServiceCollection services)
    {
        services.AddSingleton<IContactSourceFactory, CsvSourceFactory>();
        services.AddSingleton<IContactSourceFactory, CompaniesHouseSourceFactory>();
        services.AddSingleton<IContactSourceFactory, HubSpotSourceFactory>();
        return services;
    }
}
