using CsvHelper;

namespace ContactSync.Core.Sources.Csv;

// Operator-facing wording for the quoting problems the reader reports.
internal static class CsvMalformedReasons
{
    public static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "malformed CSV: a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "malformed CSV: text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "malformed CSV: a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "malformed CSV: a quoted field is not closed on its line",
        CsvMalformedReason.FieldCountMismatch => "ragged row: field count differs from the header",
        _ => "malformed CSV",
    };
}
