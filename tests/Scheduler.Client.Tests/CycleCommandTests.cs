using System.Text.Json;

namespace Scheduler.Client.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CycleCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task CycleWaitJson_EnrolledIds_ReportsTheCycleAndPerSiloCounts()
    {
        var ids = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"cycle-{i}"));
        Assert.Equal(0, (await cluster.RunAsync(["add", "-s", "cycle", "-"], ids)).ExitCode);

        var run = await cluster.RunAsync("cycle", "-s", "cycle", "--wait", "--json", "--timeout", "120");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("cycle").GetInt64() >= 1);
        var processed = root.GetProperty("processed").GetInt64();
        Assert.True(processed >= 1, run.Stdout);
        Assert.Equal(0, root.GetProperty("failed").GetInt64());
        Assert.Equal(0, root.GetProperty("parked").GetInt64());
        Assert.True(root.GetProperty("durationSeconds").GetDouble() > 0);
        var perSilo = root.GetProperty("perSilo").EnumerateArray().ToList();
        Assert.Equal(2, perSilo.Count);
        Assert.Equal(processed, perSilo.Sum(s => s.GetProperty("processed").GetInt64()));
        Assert.All(perSilo, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("address").GetString())));
    }

    [Fact]
    public async Task Cycle_WithoutWait_PrintsTheForcedCycle()
    {
        var run = await cluster.RunAsync("cycle", "-s", "cycle", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("cycle").GetInt64() >= 1);
    }

    [Fact]
    public async Task CycleWait_Text_PrintsASummary()
    {
        await cluster.RunAsync("add", "-s", "cycle", "text-1", "text-2");

        var run = await cluster.RunAsync("cycle", "-s", "cycle", "--wait");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Cycle \d+ ended after [\d.]+ s: [\d,]+ processed, 0 failed, 0 parked\.", run.Stdout);
    }
}
