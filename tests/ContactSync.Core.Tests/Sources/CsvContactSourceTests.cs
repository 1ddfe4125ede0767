using System.Text;
using ContactSync.Core.Contacts;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Csv;

namespace ContactSync.Core.Tests.Sources;

public sealed class CsvContactSourceTests : IDisposable
{
    private readonly TempCsvDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Reads_each_row_as_trimmed_strings_with_its_line_number()
    {
        var source = files.Write(TempCsvDirectory.Header + "\n"
            + " crm-1 , 1234 ,Director, Jane Doe ,jane@example.com,1980-02-29,\"1 High St, Flat 2\",AB1 2CD,London,,GB,+44 20 7946 0000,\"said \"\"hi\"\"\"\n"
            + "crm-2,55,2,Acme Trading,,,,,,,,,\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        Assert.Equal(
        [
            new SourceContact(2, "crm-1", "1234", "Director", "Jane Doe", "jane@example.com", "1980-02-29",
                "1 High St, Flat 2", "AB1 2CD", "London", null, "GB", "+44 20 7946 0000", "said \"hi\"") { Supplied = ContactFields.All },
            new SourceContact(3, "crm-2", "55", "2", "Acme Trading", null, null, null, null, null, null, null, null, null) { Supplied = ContactFields.All },
        ], entries);
    }

    [Fact]
    public async Task Matches_header_names_ignoring_case_order_and_spaces_and_ignores_unknown_columns()
    {
        var source = files.Write(" FULL_NAME ,Unrelated,Source_Id,Contact_Type\nJane Doe,whatever,crm-1,Director\n");

        var contact = Assert.IsType<SourceContact>(Assert.Single(await TempCsvDirectory.ReadAllAsync(source)));

        Assert.Equal("crm-1", contact.SourceId);
        Assert.Equal("Jane Doe", contact.FullName);
        Assert.Equal("Director", contact.ContactType);
        Assert.Null(contact.CoworkerContractId);
        Assert.Null(contact.Notes);
    }

    [Fact]
    public async Task Strips_a_UTF8_byte_order_mark_before_the_header()
    {
        var source = files.WriteBytes([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("source_id,full_name\ncrm-1,Zoë\n")]);

        var contact = Assert.IsType<SourceContact>(Assert.Single(await TempCsvDirectory.ReadAllAsync(source)));

        Assert.Equal("crm-1", contact.SourceId);
        Assert.Equal("Zoë", contact.FullName);
    }

    [Fact]
    public async Task Skips_blank_lines_but_still_counts_them_in_line_numbers()
    {
        var source = files.Write("source_id,full_name\r\n\r\ncrm-1,A\r\n   \r\n\r\ncrm-2,B\r\n\r\n");

        var entries = await TempCsvDirectory.ReadAllAsync(source);

        Assert.Equal([3L, 6L], entries.Select(e => e.LineNumber));
        Assert.All(entries, e => Assert.IsType<SourceContact>(e));
    }

    [Fact]
    public async Task Yields_nothing_for_a_file_with_a_header_and_no_rows()
    {
        Assert.Empty(await TempCsvDirectory.ReadAllAsync(files.Write(TempCsvDirectory.Header)));
    }

    [Fact]
    public async Task Reports_a_missing_file_naming_the_configured_path()
    {
        var path = files.PathOf("not-there.csv");
        var source = new CsvContactSource("crm", path);

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(source));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_directory_given_as_the_file()
    {
        var source = new CsvContactSource("crm", files.PathOf(""));

        await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(source));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\uFEFF", "has no header row")]
    [InlineData("\n\n\r\n", "has no header row")]
    public async Task Reports_a_file_without_a_header(string text, string message)
    {
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(files.Write(text)));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_header_without_the_source_id_column_by_name()
    {
        var source = files.Write("id,full_name\ncrm-1,Jane Doe\n");

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(source));

        Assert.Contains("'source_id'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_header_whose_first_line_is_data_as_lacking_source_id()
    {
        var source = files.Write("crm-1,1234,Director,Jane Doe\n");

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(source));

        Assert.Contains("'source_id'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_header_with_a_duplicated_column()
    {
        var source = files.Write("source_id,email,full_name,EMAIL\ncrm-1,a@example.com,Jane,b@example.com\n");

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(source));

        Assert.Contains("'email' more than once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_header_row_that_is_not_well_formed()
    {
        var source = files.Write("source_id,\"full_name\ncrm-1,Jane\n");

        await Assert.ThrowsAsync<SourceUnavailableException>(() => TempCsvDirectory.ReadAllAsync(source));
    }

    [Fact]
    public async Task Cancels_when_asked()
    {
        var source = files.Write(TempCsvDirectory.Header + "\n" + string.Concat(Enumerable.Repeat("crm,1,Director,Jane,,,,,,,,,\n", 1000)));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in source.ReadAsync(SourceRead.Everything, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }
}
