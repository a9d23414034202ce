using System.Text.Json;

namespace Scheduler.Client.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StatusCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task StatusJson_AfterEnrolment_HasTheDocumentedFields()
    {
        await cluster.RunAsync("add", "-s", "status", "s-1", "s-2", "s-3");

        var run = await cluster.RunAsync("status", "-s", "status", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("status", root.GetProperty("schedule").GetString());
        Assert.Equal(3, root.GetProperty("enrolled").GetInt64());
        var cycle = root.GetProperty("cycle");
        Assert.True(cycle.GetProperty("number").GetInt64() >= 1);
        Assert.InRange(cycle.GetProperty("processed").GetInt64(), 0, 3);
        Assert.True(cycle.GetProperty("target").GetInt64() >= 0);
        Assert.InRange(root.GetProperty("inFlight").GetInt64(), 0, 3);
        Assert.Equal(0, root.GetProperty("parked").GetInt64());
        Assert.False(root.GetProperty("paused").GetBoolean());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("behindScheduleSeconds").ValueKind);
        Assert.True(root.GetProperty("silosNeeded").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.True, root.GetProperty("canMeetPeriod").ValueKind);
        Assert.True(root.TryGetProperty("stalestRecordAgeSeconds", out _));
        Assert.True(root.TryGetProperty("projectedCycleEnd", out _));
        var silos = root.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(2, silos.Count(s => s.GetProperty("active").GetBoolean()));
        Assert.All(silos, s => Assert.True(s.GetProperty("processed").GetInt64() >= 0));
        Assert.All(silos, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("address").GetString())));
    }

    [Fact]
    public async Task Status_Text_ShowsTheScheduleAndItsSilos()
    {
        var run = await cluster.RunAsync("status", "-s", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("schedule status", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("enrolled", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("active", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseThenResume_Schedule_StatusFollows()
    {
        var pause = await cluster.RunAsync("pause", "-s", "status");
        var paused = await cluster.RunAsync("status", "-s", "status", "--json");
        var resume = await cluster.RunAsync("resume", "-s", "status");
        var resumed = await cluster.RunAsync("status", "-s", "status", "--json");

        Assert.Equal((0, 0), (pause.ExitCode, resume.ExitCode));
        using var before = JsonDocument.Parse(paused.Stdout);
        using var after = JsonDocument.Parse(resumed.Stdout);
        Assert.True(before.RootElement.GetProperty("paused").GetBoolean());
        Assert.False(after.RootElement.GetProperty("paused").GetBoolean());
    }
}
