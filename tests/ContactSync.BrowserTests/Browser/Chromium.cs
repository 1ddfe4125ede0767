using Microsoft.Playwright;

namespace ContactSync.BrowserTests.Browser;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package), driven by Playwright's bundled driver. Playwright's own
/// browser download is never used: the machine that runs the tests has the browser installed, or the tests fail.
/// </summary>
internal static class Chromium
{
    public const string Variable = "CONTACTSYNC_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser"];

    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = Executable(),
        Headless = true,
        Args =
        [
            // Chromium's sandbox refuses to start as root (CI runs as root); it needs user namespaces otherwise.
            .. Posix.IsRoot ? new[] { "--no-sandbox" } : [],
            // A container's /dev/shm can be too small for the renderer; /tmp is always enough.
            "--disable-dev-shm-usage",
        ],
    };

    private static string Executable()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return File.Exists(given)
                ? given
                : throw new InvalidOperationException($"{Variable} is '{given}', which does not exist. {HowToInstall}");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return onPath.SelectMany(directory => Names.Select(name => Path.Combine(directory, name))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"The browser tests need Chromium and found none on PATH ({string.Join(", ", Names)}). {HowToInstall}");
    }

    private const string HowToInstall =
        "Install Debian's browser (as root: apt-get install -y --no-install-recommends chromium; .ci/run does this), or set " +
        Variable + " to a Chromium or Chrome executable. 'playwright install' is not needed.";
}
