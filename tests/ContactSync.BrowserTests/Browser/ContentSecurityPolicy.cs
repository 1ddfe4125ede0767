namespace ContactSync.BrowserTests.Browser;

/// <summary>A <c>Content-Security-Policy</c> header's directives, and what makes one too loose for the product's pages.</summary>
internal sealed class ContentSecurityPolicy
{
    private static readonly string[] LooseSources = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:", "http:", "https:"];

    private readonly Dictionary<string, string[]> _directives;

    private ContentSecurityPolicy(Dictionary<string, string[]> directives)
    {
        _directives = directives;
    }

    public static ContentSecurityPolicy Parse(string? header)
    {
        var directives = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var directive in (header ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = directive.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            directives.TryAdd(parts[0], parts[1..]);
        }

        return new ContentSecurityPolicy(directives);
    }

    /// <summary>
    /// Why the policy is not strict, or nothing: everything denied by default, no script from anywhere but the page's
    /// own origin (and no inline or eval'd script), no plugins, never framed, forms posting only back to it.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var fallback = Sources("default-src");
        if (fallback is not ["'none'"] and not ["'self'"])
        {
            problems.Add($"default-src is '{string.Join(' ', fallback ?? [])}', not 'none' or 'self'");
        }

        foreach (var kind in new[] { "script-src", "script-src-elem", "script-src-attr", "object-src" })
        {
            var loose = (Sources(kind) ?? fallback ?? []).Where(source => LooseSources.Contains(source, StringComparer.OrdinalIgnoreCase) || source.Contains("://", StringComparison.Ordinal)).ToList();
            if (loose.Count > 0)
            {
                problems.Add($"{kind} allows {string.Join(' ', loose)}");
            }
        }

        if (Sources("object-src") is { } objects && objects is not ["'none'"])
        {
            problems.Add("object-src is not 'none'");
        }

        if (Sources("frame-ancestors") is not ["'none'"])
        {
            problems.Add("frame-ancestors is not 'none'");
        }

        if (Sources("form-action") is not (["'self'"] or ["'none'"]))
        {
            problems.Add("form-action is not 'self'");
        }

        return problems;
    }

    private string[]? Sources(string directive) => _directives.GetValueOrDefault(directive);
}
