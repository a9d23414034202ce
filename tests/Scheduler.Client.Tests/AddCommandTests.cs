using System.Text.Json;

namespace Scheduler.Client.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AddCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Add_IdsAsArguments_CountsNewAndAlreadyEnrolled()
    {
        var first = await cluster.RunAsync("add", "--schedule", "add", "args-1", "args-2", "args-3");
        var second = await cluster.RunAsync("add", "--schedule", "add", "--json", "args-2", "args-3", "args-4");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Added 3 ids to add; 0 were already enrolled.", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        using var json = JsonDocument.Parse(second.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("added").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("alreadyEnrolled").GetInt64());
        Assert.Empty(second.Stderr);
    }

    [Fact]
    public async Task Add_FileInSmallChunks_EnrolsEveryIdAndSkipsEmptyLines()
    {
        var path = Path.GetTempFileName();
        try
        {
            var ids = Enumerable.Range(0, 12_345).Select(i => $"file-{i}").ToList();
            ids.Insert(100, "");
            await File.WriteAllLinesAsync(path, ids);

            var run = await cluster.RunAsync("add", "-s", "add", "--file", path, "--chunk-size", "1000", "--json");

            Assert.Equal(0, run.ExitCode);
            using var json = JsonDocument.Parse(run.Stdout);
            Assert.Equal(12_345, json.RootElement.GetProperty("added").GetInt64());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--file", "-")]
    [InlineData("-")]
    public async Task Add_Stdin_EnrolsTheLines(params string[] source)
    {
        var prefix = $"stdin-{source.Length}";
        var stdin = string.Join('\n', Enumerable.Range(0, 50).Select(i => $"{prefix}-{i}")) + "\n";

        var run = await cluster.RunAsync(["add", "-s", "add", "--json", .. source], stdin);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(50, json.RootElement.GetProperty("added").GetInt64());
    }

    [Fact]
    public async Task Remove_EnrolledAndUnknownIds_CountsBoth()
    {
        await cluster.RunAsync("add", "-s", "add", "gone-1", "gone-2");

        var run = await cluster.RunAsync("remove", "-s", "add", "gone-1", "gone-2", "never-enrolled");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Removed 2 ids from add; 1 were not enrolled.", run.Stdout, StringComparison.Ordinal);
    }
}
