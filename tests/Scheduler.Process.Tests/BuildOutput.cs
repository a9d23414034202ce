namespace Scheduler.Process.Tests;

/// <summary>Finds the programs under test in their build output, to start them as real processes.</summary>
public static class BuildOutput
{
    /// <summary>
    /// The path of <paramref name="assembly"/>.dll built from <c>src/<paramref name="project"/></c>, which sits
    /// beside this test project's output under the same configuration and framework folders.
    /// </summary>
    public static string Of(string project, string assembly)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", project, "bin", configuration, framework, assembly + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assembly} is not built at {path}; build the solution first.");
    }
}
