using System.Diagnostics;
using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Cluster.Tests;

/// <summary>
/// Silos that die or join while a cycle runs, on an in-process cluster against a real redis-server. The
/// <see cref="RecordingProcessor"/> is slow and few batches may be in flight, so a forced cycle of 20,000 ids
/// lasts several seconds whatever the machine: at least 20,000 / (4 × 100) × 200 ms = 10 s.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterFaultTests(RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private const int Count = 20_000;

    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    // Lost leases come back after 5 s.
    private static readonly Dictionary<string, string?> SlowSchedule = new(StringComparer.Ordinal)
    {
        ["BatchSize"] = "100",
        ["MaxConcurrentBatches"] = "4",
        ["LeaseDuration"] = "00:00:05",
        ["Processor"] = RecordingProcessor.ProcessorName,
    };

    private readonly string _prefix = $"fault-{Guid.NewGuid():N}";

    public void Dispose() => ProcessingLog.Remove(_prefix);

    [Fact]
    public async Task KillSilo_MidCycle_ProcessesEveryIdAndKeepsTheRingIntact()
    {
        var log = ProcessingLog.Create(_prefix, Latency);
        await using var harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 3, SlowSchedule);
        var ids = await harness.EnrolAsync(Count);
        var coordinatorSilo = await harness.StartCoordinatorOnAsync(harness.Cluster.Primary!.SiloAddress);
        var victim = harness.Cluster.SecondarySilos.First(s => !s.SiloAddress.Equals(coordinatorSilo));

        var cycle = await harness.Coordinator.ForceCycleAsync();
        var before = await harness.WaitForProcessedAsync(1000, Deadline);
        var killed = Stopwatch.StartNew();
        await harness.Cluster.KillSiloAsync(victim);
        var status = await harness.WaitForCycleEndAsync(cycle, Deadline);
        Report(log, ids, status, killed.Elapsed);

        Assert.Equal(cycle, before.Cycle);
        Assert.True(before.CycleClaimed < Count, $"the cycle had claimed {before.CycleClaimed} ids before the kill");
        Assert.Contains(log.Starts, start => start.Silo == victim.SiloAddress.ToParsableString());
        await AssertEveryIdProcessedAsync(harness, log, ids, status);
    }

    [Fact]
    public async Task KillCoordinatorSilo_MidCycle_NewActivationFinishesTheCycle()
    {
        var log = ProcessingLog.Create(_prefix, Latency);
        await using var harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 3, SlowSchedule);
        var ids = await harness.EnrolAsync(Count);
        var victim = harness.Cluster.SecondarySilos[0];
        var placed = await harness.StartCoordinatorOnAsync(victim.SiloAddress);

        var cycle = await harness.Coordinator.ForceCycleAsync();
        var before = await harness.WaitForProcessedAsync(1000, Deadline);
        var killed = Stopwatch.StartNew();
        await harness.Cluster.KillSiloAsync(victim);
        var status = await harness.WaitForCycleEndAsync(cycle, Deadline);
        Report(log, ids, status, killed.Elapsed);
        var moved = await harness.CoordinatorSiloAsync();

        Assert.Equal(victim.SiloAddress, placed);
        Assert.NotEqual(victim.SiloAddress, moved);
        Assert.Equal(cycle, before.Cycle);
        Assert.True(before.CycleClaimed < Count, $"the cycle had claimed {before.CycleClaimed} ids before the kill");
        await AssertEveryIdProcessedAsync(harness, log, ids, status);
    }

    [Fact]
    public async Task StartSilo_MidCycle_TakesBatchesBeforeTheCycleEnds()
    {
        ProcessingLog.Create(_prefix, Latency);
        await using var harness = await ClusterHarness.StartAsync(redis, _prefix, silos: 2, SlowSchedule);
        await harness.EnrolAsync(Count);

        var cycle = await harness.Coordinator.ForceCycleAsync();
        await harness.WaitForProcessedAsync(1, Deadline);
        var joined = await harness.Cluster.StartAdditionalSiloAsync();
        var during = await harness.StatusAsync(Deadline);
        var status = await harness.WaitForCycleEndAsync(cycle, Deadline);
        var perWorker = await harness.Ring.GetProcessedByWorkerAsync();

        var address = joined.SiloAddress.ToParsableString();
        Assert.Equal(cycle, during.Cycle);
        Assert.True(during.CycleClaimed < Count, $"the cycle had claimed {during.CycleClaimed} ids once it joined");
        Assert.True(perWorker.GetValueOrDefault(address) > 0, $"the silo that joined, {address}, processed nothing");
        Assert.Contains(status.Silos, silo => silo.Address == address && silo.Processed > 0);
        Assert.Equal(3, status.Silos.Count);
        Assert.Equal(Count, status.Processed);
    }

    private void Report(ProcessingLog log, IReadOnlyList<string> ids, Abstractions.ScheduleStatus status,
        TimeSpan sinceKill)
    {
        var again = ids.Count(id => log.TimesProcessed(id) > 1);
        output.WriteLine($"cycle ended {sinceKill.TotalSeconds:0.0} s after the kill; "
            + $"{status.Processed} acknowledged, {again} ids processed more than once");
    }

    private static async Task AssertEveryIdProcessedAsync(
        ClusterHarness harness,
        ProcessingLog log,
        IReadOnlyList<string> ids,
        Abstractions.ScheduleStatus status)
    {
        var missed = ids.Where(id => log.TimesProcessed(id) == 0).ToList();
        Assert.True(missed.Count == 0,
            $"{missed.Count} ids were never processed, e.g. {string.Join(", ", missed.Take(5))}");
        Assert.True(status.Processed >= Count, $"only {status.Processed} ids were acknowledged");
        Assert.Equal(0, status.Parked);
        Assert.Equal(0, status.Failed);
        var check = await harness.Ring.VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(Count, check.Enrolled);
    }
}
