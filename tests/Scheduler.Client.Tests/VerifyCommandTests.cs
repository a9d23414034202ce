using System.Text.Json;
using Scheduler.Ring;

namespace Scheduler.Client.Tests;

[Collection(ClusterCollection.Name)]
public sealed class VerifyCommandTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Verify_ConsistentRing_ExitsZeroWithTheCounts()
    {
        await cluster.RunAsync("add", "-s", "verify", "v-1", "v-2", "v-3");

        var run = await cluster.RunAsync("verify", "-s", "verify", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("enrolled").GetInt64());
        Assert.Equal(3, root.GetProperty("ringEntries").GetInt64());
        Assert.Equal(0, root.GetProperty("missing").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
        Assert.True(root.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Verify_DuplicatedRingEntry_ExitsOneAndReportsIt()
    {
        await cluster.RunAsync("add", "-s", "verify", "dup-1");
        var keys = new RingKeys(cluster.Prefix, "verify");
        await cluster.Redis.Connection.GetDatabase().ListRightPushAsync(keys.Ring, "dup-1");
        try
        {
            var json = await cluster.RunAsync("verify", "-s", "verify", "--json");
            var text = await cluster.RunAsync("verify", "-s", "verify");

            Assert.Equal(1, json.ExitCode);
            using var report = JsonDocument.Parse(json.Stdout);
            Assert.Equal(1, report.RootElement.GetProperty("duplicates").GetInt64());
            Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(1, text.ExitCode);
            Assert.StartsWith("PROBLEM:", text.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Redis.Connection.GetDatabase().ListRemoveAsync(keys.Ring, "dup-1", -1);
        }
    }
}
