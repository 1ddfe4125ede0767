using ContactSync.Core.Sources.Sumsub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace ContactSync.Core.Tests.Sources.Sumsub;

/// <summary>A Sumsub source's settings as checked at start: what is missing or wrong is named by key, never by value.</summary>
public sealed class SumsubSettingsTests
{
    [Fact]
    public void A_source_with_its_token_key_and_company_resolution_has_nothing_wrong()
        => Assert.Empty(Problems(("AppToken", "sbx:abc"), ("SecretKey", "s3cret")));

    [Fact]
    public void The_app_token_and_secret_key_are_required_and_a_placeholder_is_refused_without_repeating_it()
    {
        var problems = Problems(("SecretKey", "<change-me>"));

        Assert.Contains(problems, problem => problem.Key == "AppToken" && problem.Problem.StartsWith("is required for a Sumsub source", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Key == "SecretKey" && problem.Problem == "is still the template's placeholder");
        Assert.DoesNotContain(problems, problem => problem.Problem.Contains("change-me", StringComparison.Ordinal));
    }

    [Fact]
    public void A_type_mapped_to_something_not_a_person_a_bad_url_and_no_company_resolution_are_named()
    {
        var problems = Problems(withResolution: false, ("AppToken", "t"), ("SecretKey", "k"), ("TypeMap:ubo", "Owner"), ("BaseUrl", "api.sumsub.com"));

        Assert.Equal(["BaseUrl", "ContractMapPath", "TypeMap:ubo"], problems.Select(problem => problem.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("short-secret")]
    [InlineData("CHANGE-ME-webhook-secret")]
    public void A_webhook_secret_that_is_short_or_a_placeholder_is_refused(string secret)
        => Assert.Contains(Problems(("AppToken", "t"), ("SecretKey", "k"), ("WebhookSecret", secret)), problem => problem.Key == "WebhookSecret");

    private static IReadOnlyList<(string Key, string Problem)> Problems(params (string Key, string Value)[] settings) => Problems(true, settings);

    private static IReadOnlyList<(string Key, string Problem)> Problems(bool withResolution, params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(setting => "ContactSync:Sources:0:" + setting.Key, setting => (string?)setting.Value);
        if (withResolution)
        {
            values["ContactSync:ContractResolution:CoworkerField"] = "Custom1";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var factory = new SumsubSourceFactory(
            Substitute.For<IServiceProvider>(), TimeProvider.System, NullLoggerFactory.Instance, configuration, Substitute.For<IHttpClientFactory>());
        return [.. factory.Validate(configuration.GetSection("ContactSync:Sources:0"))];
    }
}
