using System.Text;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Tests.Sources;

public sealed class CsvStreamingTests : IDisposable
{
    private const int Rows = 1_000_000;
    private const long AllowedGrowth = 100L * 1024 * 1024;

    private readonly TempCsvDirectory files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Streams_a_million_row_file_in_flat_memory()
    {
        var path = files.PathOf("million.csv");
        await WriteMillionRowFileAsync(path);
        var source = new ContactSync.Core.Sources.Csv.CsvContactSource("big", path);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        long contacts = 0;
        long lastLine = 0;
        await foreach (var entry in source.ReadAsync(SourceRead.Everything, CancellationToken.None))
        {
            if (entry is SourceContact)
            {
                contacts++;
            }

            if (entry is ReadCompleted)
            {
                continue;
            }

            lastLine = entry.LineNumber;
            // Live memory, not what the collector has yet to sweep: garbage from a million rows is not a leak, and how
            // much of it is still uncollected depends on the machine's load.
            if (contacts % 100_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        Assert.Equal(Rows, contacts);
        Assert.Equal(Rows + 1, lastLine);
        Assert.True(peak - baseline < AllowedGrowth,
            $"managed memory grew by {(peak - baseline) / (1024 * 1024)} MB while streaming");
    }

    private static async Task WriteMillionRowFileAsync(string path)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        await writer.WriteLineAsync(TempCsvDirectory.Header);
        for (var i = 1; i <= Rows; i++)
        {
            await writer.WriteLineAsync(
                $"crm-{i},{i},Director,Person Number {i},person{i}@example.com,1980-01-01,\"{i} High Street, Flat 2\",AB1 2CD,London,,GB,+44 20 7946 0000,");
        }
    }
}
