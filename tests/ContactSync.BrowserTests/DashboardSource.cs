using System.Text;

namespace ContactSync.BrowserTests;

/// <summary>
/// The CSV behind the dashboard scenario: contacts on three contracts, three rows the mapping rejects (each for one
/// column) and one without a usable key; then the same file with two contacts' emails changed. Every name, email and
/// date of birth is a made-up word that appears nowhere else, so finding one on a page is proof of a leak.
/// </summary>
internal static class DashboardSource
{
    public const string Name = "contacts";

    public const int ValidRows = 8;

    /// <summary>The records whose email the second version of the file changes.</summary>
    public static readonly IReadOnlyList<string> Changed = ["d-1002-2", "r-1003-1"];

    /// <summary>Rejected rows by key, with the column each reason must name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Rejected = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bad-email"] = "email",
        ["bad-date"] = "date_of_birth",
        ["bad-type"] = "contact_type",
    };

    public const int Unkeyed = 1;

    public static readonly IReadOnlyList<string> PersonalData =
    [
        "Quillonby", "Zarathustra", "Ottilie", "Marchbanksia", "Ebenezer", "Wharfinger", "Philippa", "Canaryfield",
        "Augustin", "Quellbrook", "Marisol", "Thornquist", "Canarywood", "Wilhelmina", "Ravensgarth", "Keyless",
        "pii-probe", "1931-07-19", "1958-02-14", "1947-11-31",
    ];

    /// <param name="changed">The second version: <see cref="Changed"/> have new emails.</param>
    public static Task WriteAsync(string path, bool changed)
    {
        var domain = changed ? "moved.pii-probe.example" : "pii-probe.example";
        var csv = $"""
            source_id,coworker_contract_id,contact_type,full_name,email,date_of_birth,country
            d-1001-1,1001,Director,Quillonby Zarathustra,quillonby@pii-probe.example,1931-07-19,GB
            r-1001-2,1001,NominatedRecipient,Ottilie Marchbanksia,ottilie@pii-probe.example,,
            a-1001-3,1001,CompanyAlias,Zarathustra Holdings,,,
            d-1002-1,1002,Director,Ebenezer Wharfinger,,1958-02-14,GB
            d-1002-2,1002,Director,Philippa Canaryfield,philippa@{domain},,
            r-1003-1,1003,NominatedRecipient,Augustin Quellbrook,augustin@{domain},,
            d-1003-2,1003,Director,Marisol Thornquist,,,
            a-1003-3,1003,CompanyAlias,Thornquist Quellbrook Trading,,,
            bad-email,1002,Director,Ottilie Canarywood,ottilie@@pii-probe,,
            bad-date,1002,Director,Quillonby Canarywood,,1947-11-31,
            bad-type,1003,Chairman,Wilhelmina Ravensgarth,,,
            ,1003,Director,Keyless Ravensgarth,,,

            """;
        return File.WriteAllTextAsync(path, csv, new UTF8Encoding(false));
    }
}
