using System.Diagnostics;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Bench.Cluster;
using Scheduler.Bench.Compare;
using Scheduler.Bench.Infrastructure;
using Scheduler.Ring;

namespace Scheduler.Bench.Crm;

/// <summary>
/// The same data work through the scheduler: an in-process cluster whose <c>crm-sync</c> schedule has the pure
/// run's batch size and batches in flight and no rate ceiling, every user enrolled, two forced cycles timed until
/// every user is acknowledged.
/// </summary>
internal static class SchedulerCrmRunner
{
    // The ring's counts are one O(1) script call, so polling them often costs the measured cluster little; the
    // coordinator's status would cost a grain call and several reads each time.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan CycleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A full cycle into an empty target, a 1% change of the legacy data, then a second cycle.</summary>
    public static async Task<CrmSide> RunAsync(BenchServer bench, CompareDatabases databases, CrmSettings settings)
    {
        var target = await databases.NewTargetAsync();
        var prefix = "crm" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await ProductCrmRunner.DeployAsync(bench, databases.Legacy, target, prefix, settings.Silos,
            settings.TickInterval, (settings.BatchSize, settings.Concurrency, 0));
        try
        {
            await ProductCrmRunner.WarmUpAsync(bench, cluster, prefix);
            var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(ProductCrmRunner.Schedule);

            // Paused while the users are enrolled, so no paced claim refreshes any of them before the clock starts.
            await coordinator.PauseAsync();
            var ring = new ScheduleRing(bench.Connection.GetDatabase(), ProductCrmRunner.Schedule, prefix);
            var enrolled = await ring.EnrolAsync(Enumerable.Range(1, settings.Users)
                .Select(i => i.ToString(CultureInfo.InvariantCulture))
                .ToArray());
            if (enrolled.Added != settings.Users)
            {
                throw new InvalidOperationException($"Enrolled {enrolled.Added:N0} of {settings.Users:N0} users.");
            }

            await databases.SettleAsync();
            var full = await CycleAsync(coordinator, ring, settings.Users, resume: true);

            var changed = await LegacyChange.OnePercentAsync(databases.LegacyAdmin);
            await databases.SettleAsync();
            var delta = await CycleAsync(coordinator, ring, settings.Users, resume: false);

            var silos = settings.Silos == 1 ? "1 silo" : $"{settings.Silos} silos";
            return new CrmSide($"scheduler, {silos}", full, delta, changed);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
            await ProductCrmRunner.DeleteKeysAsync(bench, prefix);
        }
    }

    // The previous cycle has ended when this starts (the ring has just been enrolled, or the last call saw the
    // cycle number move on), so the force starts a cycle that has claimed nothing yet. The clock stops when every
    // user is acknowledged; the cycle number moves on only when a later claim reaches the ring's cycle marker,
    // which the next timer tick does, so that wait is not timed.
    private static async Task<CrmCycle> CycleAsync(ICoordinatorGrain coordinator, ScheduleRing ring, int users,
        bool resume)
    {
        var before = await ring.GetCountsAsync();
        var cpu = CpuClock.Read();
        var clock = Stopwatch.StartNew();

        if (resume)
        {
            await coordinator.ResumeAsync();
        }

        var cycle = await coordinator.ForceCycleAsync();
        var counts = await WaitAsync(ring, c => c.Processed - before.Processed >= users && c.InFlight == 0);

        clock.Stop();
        var used = CpuClock.Read() - cpu;

        var processed = counts.Processed - before.Processed;
        var failed = counts.Failed - before.Failed;
        if (processed != users || failed != 0)
        {
            throw new InvalidOperationException($"Cycle {cycle} of crm-sync refreshed {processed:N0} users with " +
                $"{failed:N0} failures, not {users:N0} with none.");
        }

        await WaitAsync(ring, c => c.Cycle > cycle);
        return new CrmCycle(clock.Elapsed, used);
    }

    private static async Task<RingCounts> WaitAsync(ScheduleRing ring, Func<RingCounts, bool> done)
    {
        var deadline = Stopwatch.StartNew();

        while (true)
        {
            var counts = await ring.GetCountsAsync();
            if (done(counts))
            {
                return counts;
            }

            if (deadline.Elapsed > CycleTimeout)
            {
                throw new TimeoutException($"The crm-sync cycle did not get there within {CycleTimeout}: cycle " +
                    $"{counts.Cycle}, {counts.Processed:N0} processed, {counts.InFlight:N0} in flight.");
            }

            await Task.Delay(PollInterval);
        }
    }
}
