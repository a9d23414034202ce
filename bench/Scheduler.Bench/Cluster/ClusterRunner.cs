using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Bench.Infrastructure;
using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Bench.Cluster;

/// <summary>
/// One run of the cluster benchmark: deploys an in-process cluster, enrols the ids, forces a cycle and times it
/// until every id is acknowledged, reading Redis, process and machine CPU around it.
/// </summary>
internal static class ClusterRunner
{
    private const string Schedule = "bench";

    // A second schedule with the same settings, run once before the measured cycle so that the JIT, the
    // connections between silos and the first grain activations are not charged to it.
    private const string WarmUpSchedule = "warmup";
    private const int WarmUpBatchesPerSilo = 4;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CycleTimeout = TimeSpan.FromMinutes(10);

    // Long enough that no lease runs out during a run, so nothing is handed out twice and skews the figures.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Measures one forced cycle over <paramref name="ids"/> on a new cluster of <paramref name="silos"/> silos.
    /// </summary>
    public static async Task<ClusterMeasurement> MeasureAsync(BenchServer bench, ClusterSettings settings,
        int silos, string[] ids)
    {
        // A fresh prefix per run: the processed counts and the per-silo split then cover this run alone.
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await DeployAsync(bench, settings, silos, prefix);
        try
        {
            var ring = new ScheduleRing(bench.Connection.GetDatabase(), Schedule, prefix);
            await WarmUpAsync(bench, cluster, settings, silos, prefix);

            var enrolPerSecond = await EnrolAsync(ring, ids);
            var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(Schedule);
            return await MeasureCycleAsync(bench, ring, coordinator, silos, ids.Length, enrolPerSecond);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await DeleteKeysAsync(bench, prefix);
        }
    }

    private static async Task<TestCluster> DeployAsync(BenchServer bench, ClusterSettings settings, int silos,
        string prefix)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"{bench.Host}:{bench.Port.ToString(CultureInfo.InvariantCulture)}",
            ["Scheduler:KeyPrefix"] = prefix,
            ["Simulated:Latency"] = settings.Latency.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var name in new[] { Schedule, WarmUpSchedule })
        {
            var schedule = $"Scheduler:Schedules:{name}:";
            configuration[schedule + "Period"] = "01:00:00";
            configuration[schedule + "TickInterval"] =
                settings.TickInterval.ToString("c", CultureInfo.InvariantCulture);
            configuration[schedule + "LeaseDuration"] = Lease.ToString("c", CultureInfo.InvariantCulture);
            configuration[schedule + "BatchSize"] = settings.BatchSize.ToString(CultureInfo.InvariantCulture);
            configuration[schedule + "MaxConcurrentBatches"] =
                settings.MaxConcurrentBatches.ToString(CultureInfo.InvariantCulture);
            configuration[schedule + "Processor"] = settings.Processor;
        }

        var builder = new TestClusterBuilder((short)silos);

        // The test host logs every silo to a file in the working directory by default, which is the repository.
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(configuration));
        builder.AddSiloBuilderConfigurator<BenchSiloConfigurator>();

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task WarmUpAsync(BenchServer bench, TestCluster cluster, ClusterSettings settings,
        int silos, string prefix)
    {
        var ring = new ScheduleRing(bench.Connection.GetDatabase(), WarmUpSchedule, prefix);
        var count = settings.BatchSize * silos * WarmUpBatchesPerSilo;
        await ring.EnrolAsync(Enumerable.Range(0, count)
            .Select(i => "warm:" + i.ToString(CultureInfo.InvariantCulture))
            .ToArray());

        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(WarmUpSchedule);
        var cycle = await coordinator.ForceCycleAsync();
        await WaitForCycleAsync(coordinator, cycle);
    }

    private static async Task<double> EnrolAsync(ScheduleRing ring, string[] ids)
    {
        var clock = Stopwatch.StartNew();
        var result = await ring.EnrolAsync(ids);
        clock.Stop();

        if (result.Added != ids.Length)
        {
            throw new InvalidOperationException($"Enrolled {result.Added} of {ids.Length} ids.");
        }

        return ids.Length / clock.Elapsed.TotalSeconds;
    }

    private static async Task<ClusterMeasurement> MeasureCycleAsync(BenchServer bench, ScheduleRing ring,
        ICoordinatorGrain coordinator, int silos, int ids, double enrolPerSecond)
    {
        // Settle the enrolment's garbage first, so the cycle's collections are the cycle's own.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var statsReset = await ServerStats.TryResetAsync(bench.Admin);
        var redisBefore = await ServerStats.CpuSecondsAsync(bench.Admin);
        var machineBefore = MachineCpu.Read();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();

        var cycle = await coordinator.ForceCycleAsync();
        var (status, peakInFlight) = await WaitForCycleAsync(coordinator, cycle);

        clock.Stop();
        process.Refresh();
        var cpuAfter = process.TotalProcessorTime;
        var machineAfter = MachineCpu.Read();
        var redisAfter = await ServerStats.CpuSecondsAsync(bench.Admin);
        var evalsha = statsReset ? await ServerStats.CommandAsync(bench.Admin, "evalsha") : null;
        var gcAfter = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        var counts = await ring.GetCountsAsync();
        var (ok, note) = await CheckRingAsync(ring, status, ids);

        return new ClusterMeasurement
        {
            Silos = silos,
            Ids = ids,
            EnrolPerSecond = enrolPerSecond,
            Elapsed = clock.Elapsed,
            ClaimWindow = counts.LastCycleEndedAt - counts.LastCycleStartedAt,
            PeakInFlight = peakInFlight,
            Processed = status.Processed,
            Failed = status.Failed,
            RingOk = ok,
            RingNote = note,
            PerSilo = status.Silos.Select(s => new SiloShare(s.Address, s.Processed)).ToList(),
            RedisCpuSeconds = redisAfter - redisBefore,
            Evalsha = evalsha,
            BenchCpuSeconds = (cpuAfter - cpuBefore).TotalSeconds,
            MachineBusy = MachineCpu.BusyShare(machineBefore, machineAfter),
            Collections = (gcAfter.Item1 - gcBefore.Item1, gcAfter.Item2 - gcBefore.Item2,
                gcAfter.Item3 - gcBefore.Item3),
        };
    }

    // Polling is coarse (the end is known to within one interval) but asks nothing of the product it measures.
    // A short cycle needs a shorter interval than the default, or the polling becomes part of what it times.
    public static async Task<(ScheduleStatus Status, long PeakInFlight)> WaitForCycleAsync(
        ICoordinatorGrain coordinator, long cycle, TimeSpan? pollInterval = null)
    {
        var deadline = Stopwatch.StartNew();
        long peak = 0;
        while (true)
        {
            var status = await coordinator.GetStatusAsync();
            peak = Math.Max(peak, status.InFlight);
            if (status.Cycle > cycle && status.InFlight == 0)
            {
                return (status, peak);
            }

            if (deadline.Elapsed > CycleTimeout)
            {
                throw new TimeoutException($"Cycle {cycle} did not end within {CycleTimeout.TotalMinutes} min: " +
                    $"cycle {status.Cycle}, {status.CycleClaimed:N0} claimed, {status.InFlight:N0} in flight, " +
                    $"{status.Processed:N0} processed.");
            }

            await Task.Delay(pollInterval ?? PollInterval);
        }
    }

    // A fast but wrong run proves nothing: every id must have been processed once and the ring be whole.
    private static async Task<(bool Ok, string Note)> CheckRingAsync(ScheduleRing ring, ScheduleStatus status,
        int ids)
    {
        var check = await ring.VerifyAsync();
        var problems = new List<string>();
        if (!check.Ok)
        {
            problems.Add($"verify: {check.Missing} missing, {check.Duplicated} duplicated, {check.Foreign} " +
                $"foreign ({string.Join("; ", check.Examples.Take(3))})");
        }

        if (check.Enrolled != ids)
        {
            problems.Add($"{check.Enrolled:N0} enrolled, not {ids:N0}");
        }

        if (status.Processed != ids || status.Failed != 0)
        {
            problems.Add($"{status.Processed:N0} processed and {status.Failed:N0} failed, not {ids:N0} and 0");
        }

        return problems.Count == 0
            ? (true, $"verify ok, {check.RingEntries:N0} entries")
            : (false, string.Join("; ", problems));
    }

    private static async Task DeleteKeysAsync(BenchServer bench, string prefix)
    {
        var database = bench.Connection.GetDatabase();
        await foreach (var key in bench.Admin.KeysAsync(pattern: $"{{{prefix}:*", pageSize: 1000))
        {
            await database.KeyDeleteAsync(key);
        }
    }
}
