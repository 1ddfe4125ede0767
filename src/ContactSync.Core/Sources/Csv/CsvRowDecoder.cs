using System.Globalization;
using System.Text;
using System.Text.Unicode;
using ContactSync.Core.Contacts;
using CsvHelper;

namespace ContactSync.Core.Sources.Csv;

// Turns the reader's current record into a SourceContact, or a MalformedEntry
// naming every column that cannot be taken as text. Reasons name columns, never values.
internal sealed class CsvRowDecoder(CsvHeader header, int maxFieldLength)
{
    private readonly ContactFields supplied = header.Supplies;

    // Strict: the reader's own decoding would quietly turn bad bytes into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Null for a line that holds nothing but whitespace, which is skipped like a blank line.
    public SourceEntry? Decode(CsvReader reader, long lineNumber)
    {
        if (reader.FieldCount == 1 && IsBlank(reader.GetSpan(0)))
        {
            return null;
        }

        if (reader.FieldCount != header.FieldCount)
        {
            // Too many or too few fields means values may sit under the wrong column: never guess which.
            return new MalformedEntry(lineNumber, string.Create(CultureInfo.InvariantCulture,
                $"ragged row: {reader.FieldCount} fields, header has {header.FieldCount}"));
        }

        var values = new string?[SourceColumns.All.Count];
        List<string>? problems = null;
        for (var column = 0; column < values.Length; column++)
        {
            var field = header.Indexes[column];
            if (field < 0)
            {
                continue;
            }

            var problem = TryDecode(reader.GetSpan(field), out values[column]);
            if (problem is not null)
            {
                (problems ??= []).Add($"{SourceColumns.All[column]}: {problem}");
            }
        }

        if (problems is not null)
        {
            return new MalformedEntry(lineNumber, string.Join("; ", problems));
        }

        return new SourceContact(lineNumber, values[0], values[1], values[2], values[3], values[4], values[5],
            values[6], values[7], values[8], values[9], values[10], values[11], values[12]) { CompanyRef = values[13], Supplied = supplied };
    }

    private string? TryDecode(ReadOnlySpan<byte> bytes, out string? value)
    {
        value = null;
        if (!Utf8.IsValid(bytes))
        {
            return "not valid UTF-8";
        }

        // A UTF-8 field never has more characters than bytes, so short fields need no count.
        if (bytes.Length > maxFieldLength && StrictUtf8.GetCharCount(bytes) > maxFieldLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"longer than {maxFieldLength} characters");
        }

        var text = StrictUtf8.GetString(bytes);
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return "contains a control character";
            }
        }

        var trimmed = text.Trim();
        value = trimmed.Length == 0 ? null : trimmed;
        return null;
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
