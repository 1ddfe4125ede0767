using System.Globalization;
using System.Text;

namespace ContactSync.IntegrationTests.ExactlyOnce;

/// <summary>One row of a synthetic CSV, with what it must become: a contact in Nexudus, or a rejection naming <see cref="InvalidColumn"/>.</summary>
internal sealed record SourceRow(
    string SourceId,
    int ContractId,
    int ContactType,
    string FullName,
    string? Email,
    string? DateOfBirth,
    string City,
    string? Country,
    string Phone,
    string Notes,
    string? InvalidColumn)
{
    public bool IsValid => InvalidColumn is null;
}

/// <summary>
/// A CSV source of N records spread over the Sandbox's contracts (1001…), a known share of them invalid in one
/// column each. Every full name is unique and recognisable ("Ada Ebcd Fenwick": the middle word encodes the row),
/// so each Sandbox contact can be traced back to exactly one row.
/// </summary>
internal sealed class SyntheticSource
{
    public const string Header = "source_id,coworker_contract_id,contact_type,full_name,email,date_of_birth,city,country,phone,notes";

    private static readonly string[] FirstNames = ["Ada", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"];
    private static readonly string[] LastNames = ["Fenwick", "Lindqvist", "Mendes", "Okafor", "Petrova", "Quint", "Rossi", "Sato", "Tamm", "Varga"];
    private static readonly string[] CompanyWords = ["Holdings", "Trading", "Ventures", "Partners", "Studio"];
    private static readonly string[] Countries = ["GB", "IE", "FR", "DE", "ES", "IT", "NL", "US"];
    private static readonly string[] Types = ["Director", "CompanyAlias", "NominatedRecipient"];

    // Each breaks exactly one column, in a way the mapper reports by the column's name.
    private static readonly (string Column, Func<SourceRow, SourceRow> Break)[] Breakages =
    [
        ("contact_type", row => row with { ContactType = 0 }),
        ("country", row => row with { Country = "ZZ" }),
        ("email", row => row with { Email = "not-an-address" }),
        ("full_name", row => row with { FullName = "" }),
        ("date_of_birth", row => row with { DateOfBirth = "1980-13-45", ContactType = 1 }),
        ("phone", row => row with { Phone = "+44 20 7946 0000 extension 12 - ask reception for the duty manager" }),
    ];

    private readonly List<SourceRow> _rows;

    private SyntheticSource(List<SourceRow> rows) => _rows = rows;

    public IReadOnlyList<SourceRow> Rows => _rows;

    public IEnumerable<SourceRow> Valid => Rows.Where(row => row.IsValid);

    public IEnumerable<SourceRow> Invalid => Rows.Where(row => !row.IsValid);

    /// <param name="invalidShare">0…1; that share of the rows (rounded) is invalid, chosen by <paramref name="random"/>.</param>
    /// <param name="contracts">How many of the Sandbox's seeded contracts (1001…) the rows spread over.</param>
    public static SyntheticSource Create(int count, double invalidShare, int contracts, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        var invalid = order.Take((int)Math.Round(count * invalidShare)).ToHashSet();
        var rows = new List<SourceRow>(count);
        for (var i = 0; i < count; i++)
        {
            var row = ValidRow(i, contracts);
            if (invalid.Contains(i))
            {
                var (column, breakRow) = Breakages[i % Breakages.Length];
                row = breakRow(row) with { InvalidColumn = column };
            }

            rows.Add(row);
        }

        return new SyntheticSource(rows);
    }

    /// <summary>The source gains a row the scenario made (a person under a second key), with what it must become.</summary>
    public void Append(SourceRow row) => _rows.Add(row);

    /// <summary>The source no longer has these rows (people who left, a filter changed).</summary>
    public void Drop(IEnumerable<string> sourceIds)
    {
        var dropped = sourceIds.ToHashSet(StringComparer.Ordinal);
        _rows.RemoveAll(row => dropped.Contains(row.SourceId));
    }

    /// <summary>The source changes a row (its source_id stays): the final check then expects the new values.</summary>
    public void Edit(int index, Func<SourceRow, SourceRow> change) => _rows[index] = change(_rows[index]) with { SourceId = _rows[index].SourceId };

    /// <param name="rows">Only the first that many rows (a source that grows between runs); all by default.</param>
    public async Task WriteAsync(string path, int? rows = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in Rows.Take(rows ?? Rows.Count))
        {
            text.AppendJoin(',',
                row.SourceId,
                row.ContractId.ToString(CultureInfo.InvariantCulture),
                row.ContactType == 0 ? "Chairman" : Types[row.ContactType - 1],
                row.FullName,
                row.Email,
                row.DateOfBirth,
                row.City,
                row.Country,
                row.Phone,
                row.Notes).Append('\n');
        }

        await File.WriteAllTextAsync(path, text.ToString());
    }

    private static SourceRow ValidRow(int i, int contracts)
    {
        var code = Code(i);
        var type = (i % 3) + 1;
        var name = type == 2
            ? $"{code} {CompanyWords[i % CompanyWords.Length]} Ltd"
            : $"{FirstNames[i % FirstNames.Length]} {code} {LastNames[i / FirstNames.Length % LastNames.Length]}";
        return new SourceRow(
            SourceId: string.Create(CultureInfo.InvariantCulture, $"eo-{i:D5}"),
            ContractId: 1001 + (i % contracts),
            ContactType: type,
            FullName: name,
            Email: type == 2 ? null : string.Create(CultureInfo.InvariantCulture, $"{code.ToLowerInvariant()}.{i}@example.com"),
            DateOfBirth: type == 2 ? null : new DateOnly(1950, 1, 1).AddDays(i * 7 % 18_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            City: "London",
            Country: Countries[i % Countries.Length],
            Phone: string.Create(CultureInfo.InvariantCulture, $"+44 20 7946 {i % 10_000:D4}"),
            Notes: string.Create(CultureInfo.InvariantCulture, $"Synthetic row {i}"),
            InvalidColumn: null);
    }

    /// <summary>A capitalised word of letters that encodes <paramref name="i"/> (names must not need digits).</summary>
    private static string Code(int i)
    {
        var letters = new StringBuilder("X");
        var n = i;
        for (var k = 0; k < 4; k++)
        {
            letters.Append((char)('a' + (n % 26)));
            n /= 26;
        }

        return letters.ToString();
    }
}
