using System.Security.Cryptography;
using System.Text;
using ContactSync.Core.Nexudus;

namespace ContactSync.Core.Nexudus.Budget;

/// <summary>
/// Names the Nexudus client whose budget is shared: Nexudus counts per client, so replicas that use the same API and
/// login share one budget. A hash, so that the login (an email address) is never stored.
/// </summary>
public static class NexudusBudgetKey
{
    public static string For(NexudusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = NexudusUris.Base(options).GetLeftPart(UriPartial.Path).ToUpperInvariant();
        var login = options.Username.Trim().ToUpperInvariant();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(api + "\n" + login));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
