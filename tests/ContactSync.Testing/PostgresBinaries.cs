using System.Globalization;

namespace ContactSync.Testing;

/// <summary>The directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>: PATH first, then the newest packaged version.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries? Find()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var candidates = onPath
            .Concat(Packaged("/usr/lib/postgresql", "*", "bin"))
            .Concat(Packaged("/usr", "pgsql-*", "bin"));
        var found = candidates.FirstOrDefault(HasAll);
        return found is null ? null : new PostgresBinaries(RealDirectory(found));
    }

    private static bool HasAll(string directory) => Required.All(name => File.Exists(Path.Combine(directory, name)));

    /// <summary>Versioned install directories (Debian: /usr/lib/postgresql/15/bin, RHEL: /usr/pgsql-15/bin), newest first.</summary>
    private static IEnumerable<string> Packaged(string root, string pattern, string bin) =>
        System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root, pattern)
                .OrderByDescending(dir => VersionOf(Path.GetFileName(dir)))
                .Select(dir => Path.Combine(dir, bin))
            : [];

    private static double VersionOf(string name)
    {
        var digits = new string(name.SkipWhile(c => !char.IsAsciiDigit(c)).ToArray());
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : 0;
    }

    /// <summary>pg_ctl finds postgres next to itself; follow a symlink such as /usr/local/bin/pg_ctl to the real install.</summary>
    private static string RealDirectory(string directory)
    {
        var pgCtl = new FileInfo(Path.Combine(directory, "pg_ctl"));
        var target = pgCtl.ResolveLinkTarget(returnFinalTarget: true);
        var real = Path.GetDirectoryName(target?.FullName ?? pgCtl.FullName)!;
        return HasAll(real) ? real : directory;
    }
}
