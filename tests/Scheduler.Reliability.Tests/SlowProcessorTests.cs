using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// A slow upstream (the <c>simulated</c> processor with high latency): batches queue for capacity, not on a silo,
/// so no lease runs out while it waits, no more batches process at once than the concurrency ceiling allows, and
/// the leases held beyond those (one batch claimed ahead per slot) stay bounded too.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SlowProcessorTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int BatchSize = 250;
    private const int MaxConcurrentBatches = 6;

    [Fact]
    public async Task ForceCycle_SlowProcessor_NoLeaseExpiresAndInFlightStaysBounded()
    {
        var count = Scenario.Scale(20_000);
        await using var scenario = await Scenario.StartAsync(redis, output, silos: 2, new Dictionary<string, string>
        {
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "0",
            ["Scheduler:Schedules:users:BatchSize"] = $"{BatchSize}",
            ["Scheduler:Schedules:users:MaxConcurrentBatches"] = $"{MaxConcurrentBatches}",
            ["Scheduler:Schedules:users:LeaseDuration"] = "00:00:05",
            ["Simulated:Latency"] = "00:00:01.500",
        });
        await scenario.EnrolAsync(count);

        var cycle = await scenario.ForceCycleAsync();
        var samples = new List<long>();
        await Poll.UntilAsync(
            async () =>
            {
                var counts = await scenario.Ring.GetCountsAsync();
                samples.Add(counts.InFlight);
                return counts.Cycle > cycle && counts.InFlight == 0;
            },
            TimeSpan.FromMinutes(2),
            $"cycle {cycle} to end with nothing in flight");
        var processings = await scenario.Ledger.CloseCycleAsync();
        var accounting = await scenario.AccountAsync("slow processor (1.5 s a batch)");
        var peakProcessing = await scenario.Ledger.PeakProcessingAsync();
        output.WriteLine($"batches processing at once: max {peakProcessing}, ceiling {MaxConcurrentBatches}; "
            + $"ids leased over {samples.Count} samples: max {samples.Max()}, "
            + $"bound {2 * MaxConcurrentBatches * BatchSize}");

        // Each id processed exactly once shows no lease ran out: an expired lease hands its batch out again.
        Assert.True(accounting.Whole, accounting.ToString());
        Assert.All(processings.Values, processed => Assert.Equal(1, processed));

        // The upstream sees at most the ceiling; the coordinator leases at most one batch ahead of each slot.
        Assert.InRange(peakProcessing, 1, MaxConcurrentBatches);
        Assert.All(samples, inFlight => Assert.InRange(inFlight, 0, 2 * MaxConcurrentBatches * BatchSize));
        Assert.Contains(samples, inFlight => inFlight > 0);
    }
}
