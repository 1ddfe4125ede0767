using ContactSync.IntegrationTests.Register;

namespace ContactSync.IntegrationTests.Sumsub;

/// <summary>A Sumsub source named <see cref="Source"/> on the register rig's companies, against the Sandbox's Sumsub, in place of the register.</summary>
internal static class SumsubEnvironment
{
    public const string Source = "kyc";

    public static Dictionary<string, string> For(RegisterRig rig, string mode = "Mirror", string? webhookSecret = null)
    {
        var environment = rig.Environment(mode);
        foreach (var key in environment.Keys.Where(key => key.StartsWith("ContactSync__Sources__0__", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }

        environment["ContactSync__Sources__0__Name"] = Source;
        environment["ContactSync__Sources__0__Type"] = "Sumsub";
        environment["ContactSync__Sources__0__BaseUrl"] = rig.Sandbox.BaseUrl.ToString();
        environment["ContactSync__Sources__0__AppToken"] = "sbx:contactsync-sandbox";
        environment["ContactSync__Sources__0__SecretKey"] = "sandbox-sumsub-secret";
        environment["ContactSync__Sources__0__Mode"] = mode;
        environment["ContactSync__Sources__0__Schedule"] = "0 0 1 1 *";
        environment["ContactSync__Sources__0__ReconcileEvery"] = "365.00:00:00";
        if (webhookSecret is not null)
        {
            environment["ContactSync__Sources__0__WebhookSecret"] = webhookSecret;
        }

        return environment;
    }
}
