using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Bench.Cluster;
using Scheduler.Bench.Infrastructure;
using Scheduler.Ring;

namespace Scheduler.Bench.Compare;

/// <summary>
/// The product's side of the CRM comparison: an in-process cluster with the <c>crm-sync</c> processor, every
/// legacy user enrolled, one forced cycle timed until every user is acknowledged.
/// </summary>
internal static class ProductCrmRunner
{
    /// <summary>The name of the <c>crm-sync</c> schedule in the clusters this runner deploys.</summary>
    public const string Schedule = "crm";

    // A noop schedule run once first, so the JIT and the first activations are not charged to the measured cycle.
    private const string WarmUpSchedule = "warmup";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <summary>Runs one forced crm-sync cycle over every legacy user.</summary>
    /// <param name="bench">The Redis server.</param>
    /// <param name="databases">The legacy and target databases; the target is emptied first.</param>
    /// <param name="settings">The users enrolled and their transactions.</param>
    /// <param name="tick">The schedule's <c>TickInterval</c>.</param>
    /// <param name="silos">Silos in the cluster.</param>
    /// <param name="batchSize">The schedule's <c>BatchSize</c>.</param>
    /// <param name="maxBatches">The schedule's <c>MaxConcurrentBatches</c>, over the whole cluster.</param>
    /// <param name="maxRecordsPerSecond">The schedule's <c>MaxRecordsPerSecond</c>; 0 for no ceiling.</param>
    public static async Task<DesignRun> RunAsync(BenchServer bench, CompareDatabases databases,
        CompareSettings settings, TimeSpan tick, int silos, int batchSize, int maxBatches, int maxRecordsPerSecond)
    {
        var users = settings.Users;
        var rowsPerUser = settings.TransactionsPerUser + 1;
        var target = await databases.NewTargetAsync();
        var prefix = "cmp" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await DeployAsync(bench, databases.Legacy, target, prefix, silos, tick,
            (batchSize, maxBatches, maxRecordsPerSecond));
        try
        {
            await WarmUpAsync(bench, cluster, prefix);

            var ring = new ScheduleRing(bench.Connection.GetDatabase(), Schedule, prefix);
            var redisBefore = await ServerStats.UsedMemoryAsync(bench.Admin);
            await ring.EnrolAsync(Enumerable.Range(1, users)
                .Select(i => i.ToString(CultureInfo.InvariantCulture))
                .ToArray());
            var redisAfter = await ServerStats.UsedMemoryAsync(bench.Admin);

            var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(Schedule);
            await using var memory = MemoryMonitor.Start();
            await using var legacy = await LegacyMonitor.StartAsync(databases.Admin, CompareDatabases.LegacyAccount);
            var clock = Stopwatch.StartNew();

            var cycle = await coordinator.ForceCycleAsync();
            var (status, peakInFlight) = await ClusterRunner.WaitForCycleAsync(coordinator, cycle);

            clock.Stop();
            var load = await legacy.StopAsync();
            var (heap, workingSet) = await memory.StopAsync();

            if (status.Processed != users || status.Failed != 0)
            {
                throw new InvalidOperationException($"The crm-sync cycle processed {status.Processed:N0} users " +
                    $"with {status.Failed:N0} failures, not {users:N0} with none.");
            }

            return new DesignRun
            {
                Name = $"scheduler, {silos} silo{(silos == 1 ? "" : "s")}",
                Elapsed = clock.Elapsed,
                Users = users,
                Rows = (long)users * rowsPerUser,
                Legacy = load,
                PeakHeap = heap,
                PeakWorkingSet = workingSet,
                PeakInFlight = peakInFlight,
                RedisBytesPerId = redisBefore is { } before && redisAfter is { } after
                    ? (double)(after - before) / users
                    : null,
            };
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await DeleteKeysAsync(bench, prefix);
        }
    }

    /// <summary>
    /// Deploys an in-process cluster with the <see cref="Schedule"/> schedule on <c>crm-sync</c> and a noop
    /// warm-up schedule, both with a one-hour period, under the Redis key prefix <paramref name="prefix"/>.
    /// </summary>
    public static async Task<TestCluster> DeployAsync(BenchServer bench, string legacy, string target,
        string prefix, int silos, TimeSpan tick, (int BatchSize, int MaxBatches, int MaxRecordsPerSecond) limits)
    {
        var (batchSize, maxBatches, maxRecordsPerSecond) = limits;
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = $"{bench.Host}:{bench.Port.ToString(CultureInfo.InvariantCulture)}",
            ["ConnectionStrings:Legacy"] = legacy,
            ["ConnectionStrings:Target"] = target,
            ["Scheduler:KeyPrefix"] = prefix,
        };
        foreach (var (name, processor) in new[] { (Schedule, "crm-sync"), (WarmUpSchedule, "noop") })
        {
            var schedule = $"Scheduler:Schedules:{name}:";
            configuration[schedule + "Period"] = "01:00:00";
            configuration[schedule + "TickInterval"] = tick.ToString("c", CultureInfo.InvariantCulture);
            configuration[schedule + "LeaseDuration"] = Lease.ToString("c", CultureInfo.InvariantCulture);
            configuration[schedule + "BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture);
            configuration[schedule + "MaxConcurrentBatches"] = maxBatches.ToString(CultureInfo.InvariantCulture);
            configuration[schedule + "Processor"] = processor;
        }

        configuration[$"Scheduler:Schedules:{Schedule}:MaxRecordsPerSecond"] =
            maxRecordsPerSecond.ToString(CultureInfo.InvariantCulture);

        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(configuration));
        builder.AddSiloBuilderConfigurator<CrmSiloConfigurator>();

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Runs one cycle of the noop warm-up schedule, so the measured cycle does not pay for the JIT.</summary>
    public static async Task WarmUpAsync(BenchServer bench, TestCluster cluster, string prefix)
    {
        var ring = new ScheduleRing(bench.Connection.GetDatabase(), WarmUpSchedule, prefix);
        await ring.EnrolAsync(Enumerable.Range(0, 2000)
            .Select(i => "warm:" + i.ToString(CultureInfo.InvariantCulture))
            .ToArray());

        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(WarmUpSchedule);
        var cycle = await coordinator.ForceCycleAsync();
        await ClusterRunner.WaitForCycleAsync(coordinator, cycle);
    }

    /// <summary>Deletes every Redis key under <paramref name="prefix"/>.</summary>
    public static async Task DeleteKeysAsync(BenchServer bench, string prefix)
    {
        var database = bench.Connection.GetDatabase();
        await foreach (var key in bench.Admin.KeysAsync(pattern: $"{{{prefix}:*", pageSize: 1000))
        {
            await database.KeyDeleteAsync(key);
        }
    }
}
