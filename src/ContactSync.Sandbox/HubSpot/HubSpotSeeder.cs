using System.Globalization;
using ContactSync.Sandbox.Seeds;

namespace ContactSync.Sandbox.HubSpot;

/// <summary>
/// Invented CRM data for the seeded companies: each company (with its register number in <c>company_number</c>) has a
/// nominated recipient; every third also a contact who is both director and recipient (two labels, and
/// <c>key_contact_role</c> <c>director;nominated_recipient</c>); every fourth a contact with no key-contact role. Names
/// are awkward, every fifth contact has no email, birth dates are free text (some unreadable), every fifth company's
/// contacts share one modified time, and company 1's director Maria de la Cruz is the register's too.
/// </summary>
internal static class HubSpotSeeder
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string First, string Last)[] People =
    [
        ("Zoë", "O'Neill"), ("Siân", "Llewelyn-Jones"), ("Jean-Paul", "de Villiers"), ("Mary Ann", "McAllister"), ("Oluwaseun", "Adébáyọ̀"),
        ("Li", "Wang"), ("  Tom ", " Hardy "), ("ANNA", "KOWALSKA"), ("rory", "mcilroy"), ("Björn", "Ångström"), ("Priya", "Patel"),
        ("Seán", "Ó Briain"),
    ];

    private static readonly string?[] BirthDates = ["1979-11-02", "14/02/1991", null, "1985-06-30", "March 1980", "02/07/1975", ""];

    private static readonly string?[] Countries = ["United Kingdom", "GB", "Ireland", null, "France", "england"];

    public static void Seed(HubSpotStore store, SeedData seeds)
    {
        foreach (var (number, n) in seeds.CompanyNumbers.OrderBy(pair => pair.Value))
        {
            var at = Origin.AddMinutes(n);
            store.SeedCompany(n, CompanyNames.For(n), number, at);
            var company = HubSpotStore.CompanyId(n);
            Contact(store, n, 0, company, [HubSpotLabels.Primary, HubSpotLabels.NominatedRecipient], "nominated_recipient");
            if (n % 3 == 0)
            {
                Contact(store, n, 1, company, [HubSpotLabels.Primary, HubSpotLabels.Director, HubSpotLabels.NominatedRecipient], "director;nominated_recipient");
            }

            if (n % 4 == 0)
            {
                Contact(store, n, 2, company, [HubSpotLabels.Primary, HubSpotLabels.Unlabelled], null);
            }

            if (n == 1)
            {
                // Also a director of company 1 on the register.
                Contact(store, n, 3, company, [HubSpotLabels.Primary, HubSpotLabels.Director], "director", ("Maria", "de la Cruz"));
            }
        }
    }

    private static void Contact(HubSpotStore store, int n, int k, string company, int[] types, string? role, (string First, string Last)? name = null)
    {
        var i = (n * 4) + k;
        var (first, last) = name ?? People[i % People.Length];
        var id = (100_000 + (n * 10) + k).ToString(CultureInfo.InvariantCulture);
        // Every fifth company's contacts share one modified time: paging must not lose or repeat them.
        var at = Origin.AddMinutes(n % 5 == 0 ? n * 10 : (n * 10) + k);
        store.SeedContact(id, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["firstname"] = first,
            ["lastname"] = last,
            ["email"] = i % 5 == 0 ? null : $"  Contact{i}@Company{n}.Example ",
            ["phone"] = string.Create(CultureInfo.InvariantCulture, $"+44 20 7946 {i % 10000:D4}"),
            ["address"] = string.Create(CultureInfo.InvariantCulture, $"{1 + (i % 90)} Market Street"),
            ["city"] = "London",
            ["zip"] = "EC1A 1BB",
            ["state"] = null,
            ["country"] = Countries[i % Countries.Length],
            ["date_of_birth"] = BirthDates[i % BirthDates.Length],
            ["key_contact_role"] = role,
        }, new Dictionary<string, int[]> { [company] = types }, at);
    }
}
