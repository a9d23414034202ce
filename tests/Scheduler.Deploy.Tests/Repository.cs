namespace Scheduler.Deploy.Tests;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository's root: the folder holding <c>Orleans.Scheduler.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The absolute path of <paramref name="relative"/>, a <c>/</c>-separated path from the root.</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The text of <paramref name="relative"/>.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Scheduler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No Orleans.Scheduler.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
