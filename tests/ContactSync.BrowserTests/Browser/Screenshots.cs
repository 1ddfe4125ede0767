using System.Globalization;

namespace ContactSync.BrowserTests.Browser;

/// <summary>
/// Full-page PNGs under <c>TestResults/screenshots/</c> at the repository root (ignored by git, kept by CI), numbered
/// in the order they were taken. The directory is emptied once per test run, so what is there is this run's.
/// </summary>
internal sealed class Screenshots
{
    private readonly string _directory = Path.Combine(RepositoryLayout.Root, "TestResults", "screenshots");
    private int _taken;

    public Screenshots()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        Directory.CreateDirectory(_directory);
    }

    /// <summary>The path for the next screenshot, <c>NN-name.png</c>.</summary>
    public string Next(string name)
    {
        var number = Interlocked.Increment(ref _taken);
        return Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{number:00}-{name}.png"));
    }
}
