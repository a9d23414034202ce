using System.Text.Json;

namespace Scheduler.Client.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RecordsCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Refresh_EnrolledIds_QueuesThem()
    {
        await cluster.RunAsync("add", "-s", "records", "r-1", "r-2");

        var run = await cluster.RunAsync("refresh", "-s", "records", "r-1", "r-2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("for refresh now", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParkedJson_NothingParked_ListsAnEmptyArray()
    {
        var list = await cluster.RunAsync("parked", "-s", "records", "--json");
        var requeue = await cluster.RunAsync("parked", "-s", "records", "--requeue", "--json");

        Assert.Equal(0, list.ExitCode);
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("parked").GetArrayLength());
        Assert.Equal(0, requeue.ExitCode);
        using var requeued = JsonDocument.Parse(requeue.Stdout);
        Assert.Equal(0, requeued.RootElement.GetProperty("requeued").GetInt64());
    }

    [Fact]
    public async Task Help_EveryVerb_PrintsUsageAndExitsZero()
    {
        foreach (var verb in new[] { "add", "remove", "cycle", "status", "watch", "pause", "resume", "refresh",
                     "parked", "verify", "repair" })
        {
            var run = await cluster.RunAsync(verb, "--help");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("--schedule", run.Stdout, StringComparison.Ordinal);
        }
    }
}
