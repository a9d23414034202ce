using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests;

/// <summary>The records-per-second ceiling of a schedule, held across the whole cluster.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterRateTests(RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private const int Count = 6000;
    private const int Ceiling = 2000;
    private const int PerTick = 500;
    private const int BatchSize = 100;

    // Each claim takes at most floor(2,000/s × 250 ms) = 500 ids. A forced cycle claims once on the call, then
    // on each timer tick, and a grain timer's next tick is due a period after the previous one completes, so a
    // closed one-second window holds at most five claims (the call's and four ticks', or five ticks'): the ceiling
    // plus one tick's worth. A batch starts a little after the claim that leased it, so a window opening at a
    // batch start can also catch one batch of the claim before. More than 2,000 + 500 + 100 = 2,600 ids started
    // in any second therefore means the ceiling was broken.
    private const int Bound = Ceiling + PerTick + BatchSize;

    private readonly string _prefix = $"rate-{Guid.NewGuid():N}";

    public void Dispose() => ProcessingLog.Remove(_prefix);

    [Fact]
    public async Task ForceCycle_RateCeilingOnThreeSilos_NeverStartsMoreThanTheCeilingPerSecond()
    {
        var log = ProcessingLog.Create(_prefix, TimeSpan.Zero);
        var schedule = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["MaxRecordsPerSecond"] = $"{Ceiling}",
            ["TickInterval"] = "00:00:00.250",
            ["BatchSize"] = $"{BatchSize}",
            ["Processor"] = RecordingProcessor.ProcessorName,
        };
        await using var harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 3, schedule);
        await harness.EnrolAsync(Count);

        var cycle = await harness.Coordinator.ForceCycleAsync();
        var status = await harness.WaitForCycleEndAsync(cycle, TimeSpan.FromSeconds(60));
        var starts = log.Starts.OrderBy(start => start.At).ToList();
        var (busiest, from) = BusiestSecond(starts);
        output.WriteLine($"busiest second: {busiest} ids from {from.TotalSeconds:0.000} s; "
            + $"{starts.Count} batches over {(starts[^1].At - starts[0].At).TotalSeconds:0.00} s");

        Assert.Equal(Count, status.Processed);
        Assert.Equal(Count, starts.Sum(start => start.Count));
        Assert.Equal(3, starts.Select(start => start.Silo).Distinct().Count());
        Assert.True(busiest <= Bound, $"{busiest} ids started in the second from {from.TotalSeconds:0.000} s");
    }

    // The most ids started in any closed one-second window that opens at a batch start.
    private static (int Ids, TimeSpan From) BusiestSecond(List<BatchStart> starts)
    {
        var busiest = (Ids: 0, From: TimeSpan.Zero);
        var inWindow = 0;
        var end = 0;
        for (var first = 0; first < starts.Count; first++)
        {
            while (end < starts.Count && starts[end].At - starts[first].At <= TimeSpan.FromSeconds(1))
            {
                inWindow += starts[end].Count;
                end++;
            }

            if (inWindow > busiest.Ids)
            {
                busiest = (inWindow, starts[first].At);
            }

            inWindow -= starts[first].Count;
        }

        return busiest;
    }
}
