
namespace ContactSync.Core.Contacts;

/// <summary>
/// One field at a time, by name: Nexudus's (<c>PhoneNumber</c>, as stored and shown) or a source column's (<c>phone</c>,
/// as a CSV header and rejection reasons spell it). Configuration accepts either.
/// </summary>
public static class ContactFieldNames
{
    private static readonly (ContactFields Field, string Column)[] Columns =
    [
        (ContactFields.FullName, SourceColumns.FullName),
        (ContactFields.Email, SourceColumns.Email),
        (ContactFields.DateOfBirth, SourceColumns.DateOfBirth),
        (ContactFields.Address, SourceColumns.Address),
        (ContactFields.PostCode, SourceColumns.PostCode),
        (ContactFields.CityName, SourceColumns.City),
        (ContactFields.State, SourceColumns.State),
        (ContactFields.CountryId, SourceColumns.Country),
        (ContactFields.PhoneNumber, SourceColumns.Phone),
        (ContactFields.Notes, SourceColumns.Notes),
    ];

    /// <summary>Every single field, in the order Nexudus's record lists them.</summary>
    public static IReadOnlyList<ContactFields> Each { get; } = [.. Columns.Select(column => column.Field)];

    public static string Name(ContactFields field) => field.ToString();

    public static string Column(ContactFields field) => Columns.First(column => column.Field == field).Column;

    /// <summary>The names of the fields in <paramref name="fields"/>, in <see cref="Each"/>'s order.</summary>
    public static IReadOnlyList<string> Names(ContactFields fields) => [.. Each.Where(field => fields.HasFlag(field)).Select(Name)];

    /// <summary>A single field from its Nexudus or column name, any case; false for anything else (a set such as All included).</summary>
    public static bool TryParse(string? name, out ContactFields field)
    {
        foreach (var (candidate, column) in Columns)
        {
            if (string.Equals(name, Name(candidate), StringComparison.OrdinalIgnoreCase) || string.Equals(name, column, StringComparison.OrdinalIgnoreCase))
            {
                field = candidate;
                return true;
            }
        }

        field = ContactFields.None;
        return false;
    }

    /// <summary>The fields named in <paramref name="names"/>; names of no field are skipped (a stored form written by a later version).</summary>
    public static ContactFields Parse(IEnumerable<string> names)
        => names.Aggregate(ContactFields.None, (fields, name) => TryParse(name, out var field) ? fields | field : fields);
}
