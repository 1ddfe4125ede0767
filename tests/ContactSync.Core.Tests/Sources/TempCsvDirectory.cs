using System.Text;
using ContactSync.Core.Sources;
using ContactSync.Core.Sources.Csv;

namespace ContactSync.Core.Tests.Sources;

/// <summary>A throwaway directory for CSV files, removed when the test ends.</summary>
internal sealed class TempCsvDirectory : IDisposable
{
    public const string Header = "source_id,coworker_contract_id,contact_type,full_name,email,date_of_birth,address,post_code,city,state,country,phone,notes";

    private readonly string directory = Directory.CreateTempSubdirectory("contactsync-csv-").FullName;

    public string PathOf(string fileName) => Path.Combine(directory, fileName);

    public CsvContactSource Write(string text, CsvContactSourceOptions? options = null)
        => WriteBytes(new UTF8Encoding(false).GetBytes(text), options);

    /// <summary>A finished export: written an hour ago, so a last line without a line break is read as it is.</summary>
    public CsvContactSource WriteBytes(byte[] bytes, CsvContactSourceOptions? options = null)
    {
        var path = PathOf($"{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddHours(-1));
        return new CsvContactSource("test-source", path, options);
    }

    /// <summary>Every entry of a read, without the end-of-read marker, which must come once and last.</summary>
    public static async Task<List<SourceEntry>> ReadAllAsync(IContactSource source)
    {
        var entries = new List<SourceEntry>();
        await foreach (var entry in source.ReadAsync(SourceRead.Everything, CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.IsType<ReadCompleted>(entries[^1]);
        Assert.Single(entries.OfType<ReadCompleted>());
        return entries[..^1];
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
