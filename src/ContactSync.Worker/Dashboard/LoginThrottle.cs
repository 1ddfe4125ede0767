using ContactSync.Core.Security;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// Basic login guesses per client address, counted before the password is evaluated (<see cref="GuessWindow"/>): past
/// <see cref="DashboardCredentials.FailedLoginsPerMinute"/> failures, or as many guesses still being evaluated, a
/// client is refused with 429 without evaluation, right credentials or not. Per replica: behind a load balancer a
/// guesser meets the limit on each replica it reaches.
/// </summary>
internal sealed class LoginThrottle(IOptions<DashboardCredentials> options, TimeProvider time)
{
    private readonly GuessWindow _window = new(() => options.Value.FailedLoginsPerMinute, time);

    /// <summary>How long the client must wait after its failures, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string client) => _window.RetryAfter(client);

    /// <summary>Counts a guess before it is evaluated: null when it may be, else how long to wait.</summary>
    public TimeSpan? TryBegin(string client) => _window.TryBegin(client);

    public void Succeeded(string client) => _window.Succeeded(client);

    /// <returns>The client's failures within the minute, this one included.</returns>
    public int Failed(string client) => _window.Failed(client);
}
