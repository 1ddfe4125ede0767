using ContactSync.Core.Contacts;

namespace ContactSync.Core.Sources.Csv;

// Where each known column sits in a file's header. Unknown columns are ignored.
internal sealed class CsvHeader
{
    private CsvHeader(int[] indexes, int fieldCount)
    {
        Indexes = indexes;
        FieldCount = fieldCount;
    }

    // The field index of each of SourceColumns.All, or -1 when the file lacks it.
    public IReadOnlyList<int> Indexes { get; }

    public int FieldCount { get; }

    // The ContractContact fields the file supplies: those whose column the header has, empty cells or not.
    public ContactFields Supplies => ContactFieldNames.Each
        .Where(one => Indexes[IndexOf(ContactFieldNames.Column(one))] >= 0)
        .Aggregate(ContactFields.None, (all, one) => all | one);

    // Reads the header's names; a header the source cannot work with throws, naming the column but no data.
    public static CsvHeader Resolve(IReadOnlyList<string> names, string describedSource)
    {
        var indexes = new int[SourceColumns.All.Count];
        Array.Fill(indexes, -1);

        for (var field = 0; field < names.Count; field++)
        {
            var name = names[field].Trim();

            // UTF-16 without a byte order mark reads as ASCII interleaved with NULs.
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                throw new SourceUnavailableException($"{describedSource} is not UTF-8 (it looks like UTF-16 without a byte order mark)");
            }

            var column = IndexOf(name);
            if (column < 0)
            {
                continue;
            }

            if (indexes[column] >= 0)
            {
                throw new SourceUnavailableException(
                    $"{describedSource} has the column '{SourceColumns.All[column]}' more than once in its header");
            }

            indexes[column] = field;
        }

        if (indexes[0] < 0)
        {
            throw new SourceUnavailableException(
                $"{describedSource} has no '{SourceColumns.SourceId}' column in its header row");
        }

        return new CsvHeader(indexes, names.Count);
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < SourceColumns.All.Count; i++)
        {
            if (string.Equals(SourceColumns.All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
