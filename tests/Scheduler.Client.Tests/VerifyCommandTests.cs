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

    [Fact]
    public async Task Repair_ForeignEntryAndMissingMarker_FixesBothAndVerifyPasses()
    {
        await cluster.RunAsync("add", "-s", "repair", "r-1", "r-2", "r-3");
        var keys = new RingKeys(cluster.Prefix, "repair");
        var database = cluster.Redis.Connection.GetDatabase();
        await database.ListRightPushAsync(keys.Ring, "stranger");
        await database.ListRemoveAsync(keys.Ring, RingKeys.CycleMarker);

        var before = await cluster.RunAsync("verify", "-s", "repair");
        var repair = await cluster.RunAsync("repair", "-s", "repair", "--json");
        var after = await cluster.RunAsync("verify", "-s", "repair");
        var again = await cluster.RunAsync("repair", "-s", "repair");

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("foreign: stranger", before.Stdout, StringComparison.Ordinal);
        Assert.True(repair.ExitCode == 0, repair.ToString());
        using var report = JsonDocument.Parse(repair.Stdout);
        Assert.Equal(1, report.RootElement.GetProperty("foreignRemoved").GetInt64());
        Assert.Equal(1, report.RootElement.GetProperty("markersAdded").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("missingRestored").GetInt64());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 foreign entries removed", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_MissingId_RestoresIt()
    {
        await cluster.RunAsync("add", "-s", "repair-missing", "m-1", "m-2");
        var keys = new RingKeys(cluster.Prefix, "repair-missing");
        await cluster.Redis.Connection.GetDatabase().ListRemoveAsync(keys.Ring, "m-2");

        var repair = await cluster.RunAsync("repair", "-s", "repair-missing", "--json");
        var after = await cluster.RunAsync("verify", "-s", "repair-missing");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        using var report = JsonDocument.Parse(repair.Stdout);
        Assert.Equal(1, report.RootElement.GetProperty("missingRestored").GetInt64());
        Assert.True(after.ExitCode == 0, after.ToString());
    }
}
