using System.Xml.Linq;

namespace Scheduler.Deploy.Tests;

/// <summary>The Dockerfiles and <c>.dockerignore</c>, read as the instruction lists Docker runs.</summary>
public sealed class DockerfileTests
{
    [Theory]
    [InlineData("deploy/docker/silo.Dockerfile", "src/Silo/Scheduler.Silo.csproj")]
    [InlineData("deploy/docker/client.Dockerfile", "src/Client/Scheduler.Client.csproj")]
    public void Dockerfile_Restore_CopiesEveryProjectFileBeforeTheSources(string dockerfile, string project)
    {
        var lines = Instructions(dockerfile);
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var sources = lines.FindIndex(l => l == "COPY src/ src/");
        var copiedBefore = lines.Take(restore)
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ')[1..^1])
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(restore > 0 && sources > restore, "restore must run before the sources are copied");
        Assert.Equal($"RUN dotnet restore {project}", lines[restore]);
        Assert.All(ProjectClosure(project), p => Assert.Contains(p, copiedBefore));
        Assert.Contains("Directory.Packages.props", copiedBefore);
        Assert.Contains("Directory.Build.props", copiedBefore);
        Assert.Contains("global.json", copiedBefore);
        Assert.Contains(lines, l => l.StartsWith($"RUN dotnet publish {project} -c Release --no-restore",
            StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("deploy/docker/silo.Dockerfile", "mcr.microsoft.com/dotnet/aspnet:10.0", "scheduler-silo.dll")]
    [InlineData("deploy/docker/client.Dockerfile", "mcr.microsoft.com/dotnet/runtime:10.0", "scheduler.dll")]
    public void Dockerfile_RuntimeStage_RunsTheAppAsTheNonRootUser(string dockerfile, string image, string app)
    {
        var lines = Instructions(dockerfile);
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var runtime = lines.Skip(lines.LastIndexOf(stages[^1])).ToList();

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.StartsWith($"FROM {image} ", stages[1], StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", runtime);
        Assert.True(runtime.IndexOf("USER $APP_UID") < runtime.FindIndex(l => l.StartsWith("ENTRYPOINT",
            StringComparison.Ordinal)));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"/app/{app}\"]", runtime[^1]);
    }

    [Fact]
    public void SiloDockerfile_Healthcheck_RunsTheSilosOwnHealthFlagOnTheHttpPort()
    {
        var lines = Instructions("deploy/docker/silo.Dockerfile");

        var check = Assert.Single(lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.EndsWith("CMD [\"dotnet\", \"/app/scheduler-silo.dll\", \"--health\"]", check,
            StringComparison.Ordinal);
        Assert.Contains("ENV ASPNETCORE_HTTP_PORTS=8080", lines);
        Assert.Contains(lines, l => l.StartsWith("EXPOSE 8080 11111 30000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("**/bin/")]
    [InlineData("**/obj/")]
    [InlineData(".git/")]
    [InlineData("**/TestResults/")]
    [InlineData(".env")]
    public void Dockerignore_Excludes_BuildOutputAndLocalState(string pattern)
    {
        var lines = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim());

        Assert.Contains(pattern, lines);
    }

    // Instructions with their continuation lines joined and comments dropped.
    private static List<string> Instructions(string dockerfile)
    {
        var joined = Repository.Read(dockerfile).Replace("\\\n", " ", StringComparison.Ordinal);
        return joined.Split('\n')
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
    }

    // The project and every project it references, transitively, as repository-relative paths.
    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Repository.PathOf(next))!;
            foreach (var reference in XDocument.Load(Repository.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }
}
