using ContactSync.Sandbox.Faults;
using ContactSync.Sandbox.Seeds;
using ContactSync.Sandbox.Throttling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ContactSync.Sandbox.Hosting;

internal static class StartupBanner
{
    /// <summary>One line once listening: where, what was seeded, which limits and faults are live.</summary>
    public static WebApplication LogStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var seeds = app.Services.GetRequiredService<SeedData>();
            var limits = app.Services.GetRequiredService<IOptions<ThrottleOptions>>().Value;
            var faults = app.Services.GetRequiredService<IOptions<FaultOptions>>().Value;
            var activeFaults = faults.Rates().Where(rate => rate.Rate > 0).Select(rate => $"{rate.Kind}={rate.Rate}").ToList();
            SandboxLogMessages.Banner(
                app.Logger,
                string.Join(", ", addresses),
                seeds.Contracts.Count,
                seeds.Contracts.Count == 0 ? 0 : seeds.Contracts[0].Id,
                seeds.Contracts.Count == 0 ? 0 : seeds.Contracts[^1].Id,
                seeds.Countries.Count,
                seeds.Tariffs.Count,
                $"writes {limits.WritesPerMinute}/min {limits.WritesPerDay}/day; calls {limits.MinIntervalMs} ms apart, {limits.CallsPerMinute}/min {limits.CallsPerHour}/h {limits.CallsPerDay}/day (0 = off)",
                $"latency {faults.LatencyMs}+{faults.JitterMs} ms, {(activeFaults.Count == 0 ? "no random faults" : string.Join(" ", activeFaults))}, seed {faults.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "random"}");
        });
        return app;
    }
}
