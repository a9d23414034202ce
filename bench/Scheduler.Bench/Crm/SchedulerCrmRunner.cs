using System.Diagnostics;
using System.Globalization;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Bench.Cluster;
using Scheduler.Bench.Compare;
using Scheduler.Bench.Infrastructure;
using Scheduler.Ring;

namespace Scheduler.Bench.Crm;

/// <summary>
/// The same data work through the scheduler: an in-process cluster whose <c>crm-sync</c> schedule has the pure
/// run's batch size and batches in flight and no rate ceiling, every user enrolled; each round times two forced
/// cycles until every user is acknowledged.
/// </summary>
internal sealed class SchedulerCrmRunner : ICrmRunner
{
    // The ring's counts are one O(1) script call, so polling them often costs the measured cluster little; the
    // coordinator's status would cost a grain call and several reads each time.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan CycleTimeout = TimeSpan.FromMinutes(30);

    private readonly BenchServer _bench;
    private readonly CompareDatabases _databases;
    private readonly CrmSettings _settings;
    private readonly string _target;
    private readonly string _prefix;
    private readonly TestCluster _cluster;
    private readonly ICoordinatorGrain _coordinator;
    private readonly ScheduleRing _ring;
    private bool _paused = true;

    private SchedulerCrmRunner(BenchServer bench, CompareDatabases databases, CrmSettings settings, string target,
        string prefix, TestCluster cluster)
    {
        _bench = bench;
        _databases = databases;
        _settings = settings;
        _target = target;
        _prefix = prefix;
        _cluster = cluster;
        _coordinator = cluster.Client.GetGrain<ICoordinatorGrain>(ProductCrmRunner.Schedule);
        _ring = new ScheduleRing(bench.Connection.GetDatabase(), ProductCrmRunner.Schedule, prefix);
        Name = settings.Silos == 1 ? "scheduler, 1 silo" : $"scheduler, {settings.Silos} silos";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// Deploys the cluster, warms it up and enrols every user while the schedule is paused, so that no paced
    /// claim refreshes any of them before a clock starts.
    /// </summary>
    public static async Task<SchedulerCrmRunner> StartAsync(BenchServer bench, CompareDatabases databases,
        CrmSettings settings)
    {
        var target = await databases.NewTargetAsync("scheduler");
        var prefix = "crm" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await ProductCrmRunner.DeployAsync(bench, databases.Legacy, target, prefix, settings.Silos,
            settings.TickInterval, (settings.BatchSize, settings.Concurrency, 0));
        var runner = new SchedulerCrmRunner(bench, databases, settings, target, prefix, cluster);
        try
        {
            await ProductCrmRunner.WarmUpAsync(bench, cluster, prefix);
            await runner._coordinator.PauseAsync();

            var enrolled = await runner._ring.EnrolAsync(Enumerable.Range(1, settings.Users)
                .Select(i => i.ToString(CultureInfo.InvariantCulture))
                .ToArray());
            if (enrolled.Added != settings.Users)
            {
                throw new InvalidOperationException($"Enrolled {enrolled.Added:N0} of {settings.Users:N0} users.");
            }

            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<CrmSide> RoundAsync()
    {
        await CompareDatabases.EmptyTargetAsync(_target);
        await _databases.SettleAsync();
        var full = await CycleAsync();

        var changed = await LegacyChange.OnePercentAsync(_databases.LegacyAdmin);
        await _databases.SettleAsync();
        var delta = await CycleAsync();

        return new CrmSide(Name, full, delta, changed);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await ProductCrmRunner.DeleteKeysAsync(_bench, _prefix);
    }

    private async Task<CrmCycle> CycleAsync()
    {
        var resume = _paused;
        _paused = false;
        return await CycleAsync(_coordinator, _ring, _settings.Users, resume);
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
