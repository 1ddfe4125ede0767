using System.Globalization;
using System.Net;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>
/// One register client's own settings and state, carried on each of its requests (see <see cref="SourceCall"/>): its
/// attempt timeout and its key's budget. A 429 from the register has no <c>Retry-After</c>: it says when the window
/// resets in <c>X-Ratelimit-Reset</c> (Unix seconds).
/// </summary>
internal sealed class RegisterCall(TimeSpan attemptTimeout, SourceBudget budget) : BudgetedSourceCall(attemptTimeout, budget)
{
    /// <summary>The register times a request when it arrives: a second's guard keeps one sent at the window's edge out of a full window.</summary>
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(1);

    public override ThrottleEnd ThrottledUntil(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("X-Ratelimit-Reset", out var values)
               && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               && seconds is > 1_000_000_000 and < 100_000_000_000
            ? new ThrottleEnd(DateTimeOffset.FromUnixTimeSeconds(seconds) + Guard, null)
            : ThrottleEnd.Unknown;
    }
}
