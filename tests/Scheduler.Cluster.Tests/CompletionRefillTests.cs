using Scheduler.Testing;

namespace Scheduler.Cluster.Tests;

/// <summary>Capacity freed by a completed batch is refilled at once, not at the coordinator's next tick.</summary>
[Collection(RedisCollection.Name)]
public sealed class CompletionRefillTests(RedisServerFixture redis) : IDisposable
{
    private readonly string _prefix = $"refill-{Guid.NewGuid():N}";

    public void Dispose() => ProcessingLog.Remove(_prefix);

    [Fact]
    public async Task ForceCycle_WithATenMinuteTick_CompletionsRefillCapacityUntilTheCycleEnds()
    {
        // Two batches of 100 in flight at a time: the cycle needs ten refills. With a ten-minute tick it could
        // only end within the wait below if every completion lets the coordinator claim again.
        await using var harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 2,
            schedule: new Dictionary<string, string?>
            {
                ["TickInterval"] = "00:10:00",
                ["Period"] = "02:00:00",
                ["LeaseDuration"] = "00:30:00",
                ["BatchSize"] = "100",
                ["MaxConcurrentBatches"] = "2",
            });
        await harness.EnrolAsync(2000);

        var cycle = await harness.Coordinator.ForceCycleAsync();
        var status = await harness.WaitForCycleEndAsync(cycle, TimeSpan.FromMinutes(2));

        Assert.Equal(2000, status.Processed);
        Assert.True((await harness.Ring.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task ForceCycle_RefillsOnThreeSilos_NeverRunMoreThanMaxConcurrentBatches()
    {
        // Refills run as soon as a completion arrives, alongside timer ticks and completions from other silos;
        // whatever order they come in, the cap on batches in flight holds across the cluster.
        var log = ProcessingLog.Create(_prefix, TimeSpan.FromMilliseconds(5));
        await using var harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 3,
            schedule: new Dictionary<string, string?>
            {
                ["TickInterval"] = "00:00:00.020",
                ["Period"] = "02:00:00",
                ["BatchSize"] = "20",
                ["MaxConcurrentBatches"] = "3",
                ["Processor"] = RecordingProcessor.ProcessorName,
            });
        await harness.EnrolAsync(3000);

        var cycle = await harness.Coordinator.ForceCycleAsync();
        var status = await harness.WaitForCycleEndAsync(cycle, TimeSpan.FromMinutes(2));

        Assert.Equal(3000, status.Processed);
        Assert.InRange(log.PeakRunning, 1, 3);
    }
}
