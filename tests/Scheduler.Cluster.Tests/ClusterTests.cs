using Scheduler.Testing;

namespace Scheduler.Cluster.Tests;

/// <summary>A three-silo in-process cluster against a real redis-server, with the noop processor.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = $"cluster-{Guid.NewGuid():N}";
    private ClusterHarness? _harness;

    private ClusterHarness Harness => _harness!;

    public async Task InitializeAsync() => _harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 3);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task ForceCycle_ThreeSilos_ProcessesEveryIdOnceAndSpreadsTheWork()
    {
        const int Count = 20_000;
        await Harness.EnrolAsync(Count);

        var cycle = await Harness.Coordinator.ForceCycleAsync();
        var status = await Harness.WaitForCycleEndAsync(cycle, TimeSpan.FromMinutes(2));

        Assert.Equal(Count, status.Processed);
        Assert.Equal(0, status.Failed);
        Assert.Equal(3, status.Silos.Count);
        Assert.All(status.Silos, silo => Assert.InRange(silo.Processed, Count * 15 / 100, Count * 55 / 100));
        var check = await Harness.Ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.Enrolled);
    }

    [Fact]
    public async Task Pause_StopsClaims_AndResumeRestartsThem()
    {
        await Harness.EnrolAsync(2000);
        var coordinator = Harness.Coordinator;

        await coordinator.PauseAsync();
        var cycle = await coordinator.ForceCycleAsync();
        var paused = await coordinator.GetStatusAsync();
        await coordinator.ResumeAsync();
        var status = await Harness.WaitForCycleEndAsync(cycle, TimeSpan.FromMinutes(2));

        Assert.True(paused.Paused);
        Assert.Equal(0, paused.CycleClaimed);
        Assert.Equal(2000, status.Processed);
    }
}
