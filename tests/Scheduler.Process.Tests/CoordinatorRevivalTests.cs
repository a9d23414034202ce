using System.Diagnostics;
using System.Globalization;
using Orleans.Runtime;
using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Process.Tests;

/// <summary>
/// The coordinator's silo killed while no client calls the coordinator: the surviving silo's keep-alive calls bring
/// it back and the cycle ends, watched in Redis alone so that the test itself never wakes the coordinator.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class CoordinatorRevivalTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Count = 20_000;

    // Shorter than the one-minute period of the coordinator's reminder plus the time the cluster takes to declare
    // a killed silo dead, so a cycle that ends in time was not finished by the reminder alone.
    private static readonly TimeSpan Revival = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task KillCoordinatorSilo_NoClientCalling_SurvivorRevivesItAndTheCycleEnds()
    {
        await using var cluster = new ProcessCluster(redis, new Dictionary<string, string>
        {
            ["Scheduler:Schedules:users:Processor"] = "noop",
            ["Scheduler:Schedules:users:TickInterval"] = "00:00:00.200",
            ["Scheduler:Schedules:users:LeaseDuration"] = "00:00:03",
            ["Scheduler:Schedules:users:BatchSize"] = "500",
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "2000",
        });
        await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        var ring = new ScheduleRing(redis.Connection.GetDatabase(), "users", cluster.KeyPrefix);
        await ring.EnrolAsync(Enumerable.Range(0, Count).Select(i => $"user{i}").ToArray());
        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>("users");

        var cycle = await coordinator.ForceCycleAsync();
        await Poll.UntilAsync(async () => (await ring.GetCountsAsync()).Processed >= Count / 2,
            TimeSpan.FromSeconds(60), "half the cycle to be processed");
        var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(coordinator);
        var victim = cluster.Silos.Single(silo => silo.SiloPort == host!.Endpoint.Port);
        await victim.KillAsync();
        var sinceKill = Stopwatch.StartNew();

        await Poll.UntilAsync(
            async () => await ring.GetCountsAsync() is { } counts && counts.Cycle > cycle && counts.InFlight == 0,
            Revival,
            $"cycle {cycle} to end with no client calling the coordinator after its silo was killed");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cycle {cycle} ended {sinceKill.Elapsed.TotalSeconds:F1} s after the coordinator's silo was killed"));
        var check = await ring.VerifyAsync();
        var counts = await ring.GetCountsAsync();

        Assert.True(counts.Processed >= Count, $"only {counts.Processed} of {Count} ids were processed");
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.RingEntries);
    }
}
