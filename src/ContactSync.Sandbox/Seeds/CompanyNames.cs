namespace ContactSync.Sandbox.Seeds;

/// <summary>Deterministic, unique, obviously fictional company names.</summary>
internal static class CompanyNames
{
    private static readonly string[] Firsts =
    [
        "Amber", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbour", "Indigo", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchard", "Pioneer", "Quartz", "Riverside", "Summit", "Tidewater",
    ];

    private static readonly string[] Seconds =
    [
        "Analytics", "Builders", "Consulting", "Designs", "Engineering", "Foods", "Holdings", "Logistics", "Media", "Ventures",
    ];

    /// <summary>Name for company N (1-based); past the 200 combinations a number keeps names unique.</summary>
    public static string For(int n)
    {
        var index = n - 1;
        var combinations = Firsts.Length * Seconds.Length;
        var name = $"{Firsts[index % Firsts.Length]} {Seconds[index / Firsts.Length % Seconds.Length]}";
        return n > combinations ? $"{name} {index / combinations + 1} Ltd" : $"{name} Ltd";
    }

    public static string EmailFor(int n) => $"office{n}@company{n}.example";
}
