namespace ContactSync.Testing;

/// <summary>Where the built apps are, found from this test assembly's own output directory.</summary>
public static class RepositoryLayout
{
    private const string SolutionFile = "ContactSync.sln";

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The path of <c>src/{project}/bin/{Configuration}/{tfm}/{project}.dll</c>, built like this assembly.</summary>
    public static string AppDll(string project)
    {
        // The test assembly runs from .../bin/<Configuration>/<tfm>/; the apps are built alongside.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = tfm.Parent;
        if (configuration?.Parent?.Name != "bin")
        {
            throw new InvalidOperationException(
                $"Expected the tests to run from bin/<Configuration>/<tfm>/, not {AppContext.BaseDirectory}.");
        }

        var dll = Path.Combine(Root, "src", project, "bin", configuration.Name, tfm.Name, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(
                $"{dll} is missing; build the solution first (dotnet build {SolutionFile} -c {configuration.Name}).", dll);
    }
}
