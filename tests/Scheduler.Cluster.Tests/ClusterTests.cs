using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;

namespace Scheduler.Cluster.Tests;

/// <summary>A three-silo in-process cluster against a real redis-server, with the noop processor.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = $"cluster-{Guid.NewGuid():N}";
    private TestCluster? _cluster;

    private TestCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Scheduler:KeyPrefix"] = _prefix,
            ["Scheduler:Schedules:users:Period"] = "01:00:00",
            ["Scheduler:Schedules:users:TickInterval"] = "00:00:00.200",
            ["Scheduler:Schedules:users:BatchSize"] = "500",
            ["Scheduler:Schedules:users:Processor"] = "noop",
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ForceCycle_ThreeSilos_ProcessesEveryIdOnceAndSpreadsTheWork()
    {
        const int Count = 20_000;
        var ring = new ScheduleRing(redis.Connection.GetDatabase(), "users", _prefix);
        await ring.EnrolAsync(Enumerable.Range(0, Count).Select(i => $"user{i}").ToArray());
        var coordinator = Cluster.Client.GetGrain<ICoordinatorGrain>("users");

        var cycle = await coordinator.ForceCycleAsync();
        var status = await WaitForCycleAsync(coordinator, cycle);

        Assert.Equal(Count, status.Processed);
        Assert.Equal(0, status.Failed);
        Assert.Equal(3, status.Silos.Count);
        Assert.All(status.Silos, silo => Assert.InRange(silo.Processed, Count * 15 / 100, Count * 55 / 100));
        var check = await ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.Enrolled);
    }

    [Fact]
    public async Task Pause_StopsClaims_AndResumeRestartsThem()
    {
        var ring = new ScheduleRing(redis.Connection.GetDatabase(), "users", _prefix);
        await ring.EnrolAsync(Enumerable.Range(0, 2000).Select(i => $"user{i}").ToArray());
        var coordinator = Cluster.Client.GetGrain<ICoordinatorGrain>("users");

        await coordinator.PauseAsync();
        var cycle = await coordinator.ForceCycleAsync();
        var paused = await coordinator.GetStatusAsync();
        await coordinator.ResumeAsync();
        var status = await WaitForCycleAsync(coordinator, cycle);

        Assert.True(paused.Paused);
        Assert.Equal(0, paused.CycleClaimed);
        Assert.Equal(2000, status.Processed);
    }

    private static async Task<ScheduleStatus> WaitForCycleAsync(ICoordinatorGrain coordinator, long cycle)
    {
        ScheduleStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await coordinator.GetStatusAsync();
                return status.Cycle > cycle && status.InFlight == 0;
            },
            TimeSpan.FromMinutes(2),
            $"cycle {cycle} to end with nothing in flight");
        return status!;
    }
}
