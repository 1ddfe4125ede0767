namespace ContactSync.Sandbox.Hosting;

/// <summary>Short command-line switches for the configuration keys tests and the demo set most often.</summary>
internal static class SwitchMappings
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--contracts"] = "Sandbox:Seeds:Contracts",
        ["--max-page-size"] = "Sandbox:Paging:MaxPageSize",
        ["--inactive-every"] = "Sandbox:Seeds:InactiveEvery",

        ["--username"] = "Sandbox:Auth:Username",
        ["--password"] = "Sandbox:Auth:Password",
        ["--token-lifetime"] = "Sandbox:Auth:AccessTokenLifetimeSeconds",
        ["--refresh-token-lifetime"] = "Sandbox:Auth:RefreshTokenLifetimeSeconds",

        ["--register-requests-per-window"] = "Sandbox:Register:RequestsPerWindow",
        ["--register-window-seconds"] = "Sandbox:Register:WindowSeconds",
        ["--register-max-page-size"] = "Sandbox:Register:MaxPageSize",
        ["--register-keep-alive-seconds"] = "Sandbox:Register:KeepAliveSeconds",

        ["--hubspot-search-cap"] = "Sandbox:HubSpot:SearchCap",
        ["--hubspot-max-page-size"] = "Sandbox:HubSpot:MaxPageSize",
        ["--hubspot-ten-secondly-limit"] = "Sandbox:HubSpot:TenSecondlyLimit",
        ["--hubspot-daily-limit"] = "Sandbox:HubSpot:DailyLimit",

        ["--sumsub-gets-per-window"] = "Sandbox:Sumsub:GetsPerWindow",
        ["--sumsub-posts-per-window"] = "Sandbox:Sumsub:PostsPerWindow",
        ["--sumsub-window-seconds"] = "Sandbox:Sumsub:WindowSeconds",
        ["--sumsub-webhook-url"] = "Sandbox:Sumsub:WebhookUrl",
        ["--sumsub-webhook-retry-delays"] = "Sandbox:Sumsub:WebhookRetryDelays",

        ["--oidc-client-id"] = "Sandbox:Identity:ClientId",
        ["--oidc-client-secret"] = "Sandbox:Identity:ClientSecret",
        ["--oidc-redirect-uri"] = "Sandbox:Identity:RedirectUris",

        ["--enforce-plan-limits"] = "Sandbox:ContractContacts:EnforcePlanLimits",

        ["--writes-per-minute"] = "Sandbox:Throttling:WritesPerMinute",
        ["--writes-per-day"] = "Sandbox:Throttling:WritesPerDay",
        ["--min-interval-ms"] = "Sandbox:Throttling:MinIntervalMs",
        ["--calls-per-minute"] = "Sandbox:Throttling:CallsPerMinute",
        ["--calls-per-hour"] = "Sandbox:Throttling:CallsPerHour",
        ["--calls-per-day"] = "Sandbox:Throttling:CallsPerDay",
        ["--throttle-style"] = "Sandbox:Throttling:Style",

        ["--seed"] = "Sandbox:Faults:Seed",
        ["--latency-ms"] = "Sandbox:Faults:LatencyMs",
        ["--jitter-ms"] = "Sandbox:Faults:JitterMs",
        ["--latency-scope"] = "Sandbox:Faults:LatencyScope",
        ["--fault-rate-500"] = "Sandbox:Faults:Error500Rate",
        ["--fault-scope-500"] = "Sandbox:Faults:Error500Scope",
        ["--fault-rate-502"] = "Sandbox:Faults:Error502Rate",
        ["--fault-scope-502"] = "Sandbox:Faults:Error502Scope",
        ["--fault-rate-503"] = "Sandbox:Faults:Error503Rate",
        ["--fault-scope-503"] = "Sandbox:Faults:Error503Scope",
        ["--fault-rate-409"] = "Sandbox:Faults:Throttle409Rate",
        ["--fault-scope-409"] = "Sandbox:Faults:Throttle409Scope",
        ["--fault-retry-after"] = "Sandbox:Faults:Throttle409RetryAfterSeconds",
        ["--fault-rate-hang"] = "Sandbox:Faults:HangRate",
        ["--fault-scope-hang"] = "Sandbox:Faults:HangScope",
        ["--hang-seconds"] = "Sandbox:Faults:HangSeconds",
        ["--slow-body-seconds"] = "Sandbox:Faults:SlowBodySeconds",
        ["--huge-body-megabytes"] = "Sandbox:Faults:HugeBodyMegabytes",
        ["--fault-rate-drop"] = "Sandbox:Faults:DropRate",
        ["--fault-scope-drop"] = "Sandbox:Faults:DropScope",
        ["--fault-rate-commit-drop"] = "Sandbox:Faults:CommitThenDropRate",
        ["--fault-scope-commit-drop"] = "Sandbox:Faults:CommitThenDropScope",
    };
}
