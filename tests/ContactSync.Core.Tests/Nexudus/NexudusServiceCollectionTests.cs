using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Nexudus.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusServiceCollectionTests
{
    [Fact]
    public void Refuses_to_start_without_credentials_and_names_the_missing_keys()
    {
        using var services = Build(new() { ["Nexudus:BaseUrl"] = "https://spaces.nexudus.com" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Username", error.Message, StringComparison.Ordinal);
        Assert.Contains("Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_base_url_that_is_not_a_url()
    {
        using var services = Build(new()
        {
            ["Nexudus:BaseUrl"] = "spaces.nexudus.com",
            ["Nexudus:Username"] = "u@example.test",
            ["Nexudus:Password"] = "p",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_the_documented_defaults_and_builds_the_client()
    {
        using var services = Build(new()
        {
            ["Nexudus:BaseUrl"] = "https://spaces.nexudus.com",
            ["Nexudus:Username"] = "u@example.test",
            ["Nexudus:Password"] = "p",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<NexudusOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), options.TotalTimeout);
        Assert.Equal(6, options.MaxRetries);
        Assert.Equal(60, options.WritesPerMinute);
        Assert.Equal(120, options.CallsPerMinute);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.MinCallInterval);
        Assert.Equal(5000, options.WritesPerDay);
        Assert.Equal(5000, options.CallsPerHour);
        Assert.False(string.IsNullOrWhiteSpace(options.ClientId));
        Assert.NotNull(services.GetRequiredService<INexudusClient>());
        Assert.Same(services.GetRequiredService<INexudusBudget>(), services.GetRequiredService<INexudusBudget>());
    }

    [Fact]
    public void Refuses_a_daily_write_budget_below_one_and_names_the_key()
    {
        using var services = Build(new()
        {
            ["Nexudus:BaseUrl"] = "https://spaces.nexudus.com",
            ["Nexudus:Username"] = "u@example.test",
            ["Nexudus:Password"] = "p",
            ["Nexudus:WritesPerDay"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("WritesPerDay", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_shared_budget_replaces_the_in_process_gate_whichever_is_registered_first(bool sharedFirst)
    {
        var services = new ServiceCollection();
        if (sharedFirst)
        {
            services.AddSharedNexudusBudget();
        }

        services.AddNexudusClient();
        if (!sharedFirst)
        {
            services.AddSharedNexudusBudget();
        }

        var gate = Assert.Single(services, d => d.ServiceType == typeof(INexudusBudget));
        Assert.Equal(typeof(PostgresNexudusBudget), gate.ImplementationType);
        Assert.Equal(ServiceLifetime.Singleton, gate.Lifetime);
    }

    [Fact]
    public void Chains_resilience_then_auth_then_rate_gate_in_front_of_the_network()
    {
        using var services = Build(new()
        {
            ["Nexudus:BaseUrl"] = "https://spaces.nexudus.com",
            ["Nexudus:Username"] = "u@example.test",
            ["Nexudus:Password"] = "p",
        });

        var chain = new List<string>();
        for (var handler = services.GetRequiredService<IHttpMessageHandlerFactory>()
                 .CreateHandler(NexudusServiceCollectionExtensions.ApiHttpClientName);
             handler is not null;
             handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler.GetType().Name);
        }

        var resilience = chain.FindIndex(n => n.Contains("Resilience", StringComparison.Ordinal));
        var gate = chain.IndexOf("NexudusBudgetHandler");
        var auth = chain.IndexOf("NexudusAuthHandler");
        Assert.True(resilience >= 0 && resilience < auth && auth < gate && gate < chain.Count - 1, string.Join(" > ", chain));
    }

    [Fact]
    public void Gives_each_process_one_client_id_that_stays_put()
        => Assert.Equal(new NexudusOptions().ClientId, new NexudusOptions().ClientId);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddNexudusClient();
        return services.BuildServiceProvider();
    }
}
