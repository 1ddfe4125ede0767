using System.Diagnostics;
using System.Text;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Csv;

namespace ContactSync.Core.Tests.Sources;

/// <summary>What a CSV source agrees to read: a regular file, read whole and unchanged from start to end.</summary>
public sealed class CsvSourceFileTests : IDisposable
{
    // A hang guard only: each case fails or succeeds at once when the source behaves.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly TempCsvDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Refuses_a_FIFO_at_once_instead_of_waiting_for_a_writer_for_ever()
    {
        var path = files.PathOf("pipe.csv");
        await MkfifoAsync(path);

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => ReadAsync(path).WaitAsync(Guard));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_link_to_a_FIFO()
    {
        var pipe = files.PathOf("pipe");
        await MkfifoAsync(pipe);
        var link = files.PathOf("link.csv");
        File.CreateSymbolicLink(link, pipe);

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => ReadAsync(link).WaitAsync(Guard));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/dev/null")]
    public async Task Refuses_a_device_that_would_never_end(string device)
    {
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => ReadAsync(device).WaitAsync(Guard));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_directory_saying_so()
    {
        var directory = files.PathOf("exports");
        Directory.CreateDirectory(directory);

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => ReadAsync(directory));

        Assert.Contains("is a directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_through_a_link_to_a_regular_file()
    {
        var target = files.PathOf("export.csv");
        await WriteFinishedAsync(target, Rows(3));
        var link = files.PathOf("current.csv");
        File.CreateSymbolicLink(link, target);

        var entries = await ReadAsync(link);

        Assert.Equal(3, entries.Count);
    }

    [Fact]
    public async Task Calls_a_read_incomplete_when_rows_are_appended_while_it_goes_on()
    {
        var path = files.PathOf("growing.csv");
        await WriteFinishedAsync(path, Rows(5));
        var source = new CsvContactSource("growing", path);

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => ReadChangingAsync(source, () => File.AppendAllTextAsync(path, "crm-99,1,Director,Half Writ")));

        Assert.Contains("changed while it was being read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_a_read_incomplete_when_the_file_is_replaced_while_it_goes_on()
    {
        var path = files.PathOf("replaced.csv");
        await WriteFinishedAsync(path, Rows(5));
        var source = new CsvContactSource("replaced", path);

        // A new export moved into place under the same name, with as many characters as the old one.
        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => ReadChangingAsync(source, async () =>
        {
            var next = files.PathOf("next.csv");
            await File.WriteAllTextAsync(next, Rows(5).Replace("Person", "Pers0n", StringComparison.Ordinal));
            File.Move(next, path, overwrite: true);
        }));

        Assert.Contains("changed while it was being read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_a_file_modified_moments_ago_whose_last_line_has_no_line_break_still_being_written()
    {
        var path = files.PathOf("half.csv");
        await File.WriteAllTextAsync(path, Rows(2) + "crm-3,1,Director,Half Writ");

        var e = await Assert.ThrowsAsync<SourceUnavailableException>(() => ReadAsync(path));

        Assert.Contains("still being written", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_file_modified_moments_ago_that_ends_with_a_line_break()
    {
        var path = files.PathOf("fresh.csv");
        await File.WriteAllTextAsync(path, Rows(2));

        Assert.Equal(2, (await ReadAsync(path)).Count);
    }

    [Fact]
    public async Task Reads_the_unterminated_last_line_of_a_file_that_has_settled()
    {
        var path = files.PathOf("settled.csv");
        await WriteFinishedAsync(path, Rows(2) + "crm-3,1,Director,Last Person");

        var entries = await ReadAsync(path);

        Assert.Equal("Last Person", Assert.IsType<SourceContact>(entries[^1]).FullName);
    }

    /// <summary>Reads the source to its end, changing its file with <paramref name="change"/> after the first row.</summary>
    private static async Task ReadChangingAsync(CsvContactSource source, Func<Task> change)
    {
        var seen = 0;
        await foreach (var _ in source.ReadAsync(SourceRead.Everything, CancellationToken.None))
        {
            if (++seen == 1)
            {
                await change();
            }
        }
    }

    private static string Rows(int count)
    {
        var text = new StringBuilder("source_id,coworker_contract_id,contact_type,full_name\n");
        for (var i = 1; i <= count; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"crm-{i},1,Director,Person {i}\n");
        }

        return text.ToString();
    }

    private static async Task WriteFinishedAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddHours(-1));
    }

    private static Task<List<SourceEntry>> ReadAsync(string path) => TempCsvDirectory.ReadAllAsync(new CsvContactSource("probe", path));

    private static async Task MkfifoAsync(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
