using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContactSync.Sandbox.Register;

/// <summary>
/// Invented, deterministic register companies for the seeded customers: one to three directors with awkward names
/// (surnames in capitals, as the register files them), a secretary, a resigned director in every fourth, a corporate
/// director in every seventh, a nominee director in every eleventh, former names in every third, and a director
/// without a <c>links.self</c> in every fifth.
/// </summary>
internal static class RegisterSeeder
{
    private static readonly string[] Names =
    [
        "O'BRIEN, Siobhan", "MCDONALD, Angus James", "MACLEOD-O'NEILL, fiona Jane", "DE LA CRUZ, Maria", "VAN DER BERG, Pieter",
        "SMITH-JONES, Alexander", "D'ARCY, Emily", "MACHIN, Thomas", "NGUYEN, Thi Minh", "DU PLESSIS, Francois", "LE BRETON, Jean-Luc",
        "ÅSTRÖM, Lars", "AL-SAYED, Omar", "FITZGERALD, SARAH", "MACKIE, Ross", "ZAŁĘSKA, Zofia", "O'SULLIVAN-MCCARTHY, Niamh",
        "WILLIAMS, Rhys ap Gareth", "VON TRAPP, Georg", "CHEN, Wei", "MÜLLER, Jürgen", "BROWN, David John II",
    ];

    private static readonly (string? Locality, string? Region, string? Country, string PostCode)[] Places =
    [
        ("London", null, "England", "EC1A 1BB"), ("Edinburgh", "Midlothian", "Scotland", "EH1 1YZ"), ("Cardiff", null, "Wales", "CF10 1EP"),
        ("Belfast", "County Antrim", "Northern Ireland", "BT1 5GS"), ("Manchester", "Greater Manchester", "United Kingdom", "M1 1AE"),
        ("Paris", null, "France", "75001"), ("Leeds", "West Yorkshire", "England", "LS1 4DY"),
    ];

    public static RegisterCompany Build(string number, int n, string companyName)
    {
        var company = new RegisterCompany(number, companyName.ToUpperInvariant());
        var directors = 1 + (n % 3);
        for (var k = 0; k < directors; k++)
        {
            company.Officers.Add(Natural(number, n, k, "director", resigned: null, omitSelf: k == 0 && n % 5 == 0));
        }

        company.Officers.Add(n % 2 == 0
            ? Corporate(number, n, 10, "SECURE SECRETARIES LIMITED", "corporate-secretary")
            : Natural(number, n, 10, "secretary", resigned: null, omitSelf: false));
        if (n % 4 == 0)
        {
            company.Officers.Add(Natural(number, n, 20, "director", resigned: "2024-06-30", omitSelf: false));
        }

        if (n % 7 == 0)
        {
            company.Officers.Add(Corporate(number, n, 30, "HARBOUR NOMINEES LIMITED", "corporate-director"));
        }

        if (n % 11 == 0)
        {
            company.Officers.Add(Natural(number, n, 40, "nominee-director", resigned: null, omitSelf: false));
        }

        if (n % 3 == 0)
        {
            company.PreviousNames.Add(new RegisterPreviousName($"{companyName.ToUpperInvariant()} TRADING", "2015-03-01", "2019-08-31"));
        }

        if (n % 6 == 0)
        {
            company.PreviousNames.Add(new RegisterPreviousName($"NEW {companyName.ToUpperInvariant()}", "2010-01-15", "2015-02-28"));
        }

        return company;
    }

    public static RegisterOfficer Natural(string number, int n, int k, string role, string? resigned, bool omitSelf)
    {
        var name = Names[((n * 3) + k) % Names.Length];
        return new RegisterOfficer(
            Id("ap", number, k), Id("of", name, n), name, role,
            AppointedOn: string.Create(CultureInfo.InvariantCulture, $"{2010 + (n + k) % 14}-{1 + (n % 12):D2}-{1 + (k % 28):D2}"),
            resigned,
            DateOfBirth: (1 + ((n + k) % 12), 1950 + ((n * 7) + k) % 50),
            Address(n, k), Corporate: false, omitSelf);
    }

    public static RegisterOfficer Corporate(string number, int n, int k, string name, string role)
        => new(Id("ap", number, k), Id("of", name, n), name, role, "2018-01-01", null, null, Address(n, k), Corporate: true, OmitSelfLink: false);

    public static RegisterAddress Address(int n, int k)
    {
        // Half the directors give the operator's address (the virtual office) as their service address.
        if ((n + k) % 2 == 0)
        {
            return new RegisterAddress("Suite 5", "1 Virtual Street", null, "London", null, "EC1A 1AA", "England");
        }

        var place = Places[(n + k) % Places.Length];
        return new RegisterAddress(string.Create(CultureInfo.InvariantCulture, $"{1 + n % 90}"), "High Street", k % 2 == 0 ? "Old Town" : null,
            place.Locality, place.Region, place.PostCode, place.Country);
    }

    /// <summary>A register-style id (27 URL-safe characters), the same on every run.</summary>
    public static string Id(string kind, string a, int b)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind}|{a}|{b}")));
        // base64url, as the register's ids are: about one in 64 begins with '-', and as many with '_'.
        return Convert.ToBase64String(hash).Replace('+', '-').Replace('/', '_').TrimEnd('=')[..27];
    }
}
