using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;

namespace Scheduler.Process.Tests;

/// <summary>Real silo processes on one real redis-server: a shared cycle, and a silo killed with SIGKILL.</summary>
[Collection(RedisCollection.Name)]
public sealed class SiloProcessTests(RedisServerFixture redis)
{
    [Fact]
    public async Task ForceCycle_TwoSiloProcesses_BothTakeAShareAndTheRingHoldsEveryIdOnce()
    {
        const int Count = 100_000;
        await using var cluster = new ProcessCluster(redis, Schedule(maxRecordsPerSecond: 0));
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var ring = new ScheduleRing(redis.Connection.GetDatabase(), "users", cluster.KeyPrefix);
        await ring.EnrolAsync(Ids(Count));

        var cycle = await cluster.Client.GetGrain<ICoordinatorGrain>("users").ForceCycleAsync();
        var status = await cluster.WaitForCycleAsync(cycle);
        var check = await ring.VerifyAsync();

        Assert.Equal(Count, status.Processed);
        Assert.Equal(2, status.Silos.Count);
        Assert.All(status.Silos, silo => Assert.True(silo.Processed >= Count / 10, $"{silo.Address} took little"));
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.Enrolled);
        Assert.Equal(Count, check.RingEntries);
    }

    [Fact]
    public async Task KillSilo_DuringAForcedCycle_TheOtherFinishesItAndNothingIsLost()
    {
        const int Count = 20_000;
        await using var cluster = new ProcessCluster(redis, Schedule(maxRecordsPerSecond: 4000));
        await cluster.StartSiloAsync();
        var victim = await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var ring = new ScheduleRing(redis.Connection.GetDatabase(), "users", cluster.KeyPrefix);
        await ring.EnrolAsync(Ids(Count));
        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>("users");

        var cycle = await coordinator.ForceCycleAsync();
        await Poll.UntilAsync(
            async () => (await coordinator.GetStatusAsync()).Silos.Count == 2,
            TimeSpan.FromSeconds(60),
            "both silos to have processed batches");
        var beforeKill = await coordinator.GetStatusAsync();
        await victim.KillAsync();
        var status = await cluster.WaitForCycleAsync(cycle);

        // The rate ceiling makes the cycle last about five seconds, so the kill lands inside it.
        Assert.Equal(cycle, beforeKill.Cycle);
        var check = await ring.VerifyAsync();

        Assert.True(status.Processed >= Count, $"only {status.Processed} of {Count} ids were processed");
        Assert.Equal(0, status.Parked);
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.RingEntries);
    }

    private static Dictionary<string, string> Schedule(int maxRecordsPerSecond) => new()
    {
        ["Scheduler:Schedules:users:Processor"] = "noop",
        ["Scheduler:Schedules:users:TickInterval"] = "00:00:00.200",
        ["Scheduler:Schedules:users:LeaseDuration"] = "00:00:03",
        ["Scheduler:Schedules:users:BatchSize"] = "500",
        ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = maxRecordsPerSecond.ToString(
            System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string[] Ids(int count) => Enumerable.Range(0, count).Select(i => $"user{i}").ToArray();
}
