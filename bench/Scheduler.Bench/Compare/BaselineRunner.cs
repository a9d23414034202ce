using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scheduler.Crm;
using StatusColumn.Baseline;

namespace Scheduler.Bench.Compare;

/// <summary>
/// The baseline's side of the comparison: the status-column refresher over the same legacy users, refreshing each
/// chunk with the product's own <see cref="CrmSyncProcessor"/>, or sleeping instead in the latency-bound run.
/// </summary>
internal static class BaselineRunner
{
    /// <summary>Runs one crm-sync cycle of the status-column design into an empty target.</summary>
    public static async Task<(DesignRun Run, StatusColumnCycle Cycle)> RunCrmAsync(CompareDatabases databases,
        int rowsPerUser, StatusColumnSettings settings)
    {
        var target = await databases.NewTargetAsync();
        using var processor = new CrmSyncProcessor(Options.Create(new CrmSyncOptions
        {
            LegacyConnectionString = databases.Legacy,
            TargetConnectionString = target,
        }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

        var refresher = new StatusColumnRefresher(databases.Legacy, settings, async (ids, token) =>
        {
            var failures = await processor.ProcessAsync("baseline", ids, token);
            if (failures.Count > 0)
            {
                throw new InvalidOperationException($"{failures.Count} users failed: {failures[0].Error}");
            }
        });

        await using var memory = MemoryMonitor.Start();
        await using var legacy = await LegacyMonitor.StartAsync(databases.Admin, CompareDatabases.LegacyAccount);
        var cycle = await refresher.RunCycleAsync();
        var load = await legacy.StopAsync();
        var (heap, workingSet) = await memory.StopAsync();

        var run = new DesignRun
        {
            Name = $"status column, {settings.Workers} workers x {settings.ChunkSize}",
            Elapsed = cycle.Elapsed,
            Users = cycle.Refreshed,
            Rows = cycle.Refreshed * rowsPerUser,
            Legacy = load,
            PeakHeap = heap,
            PeakWorkingSet = workingSet,
        };
        return (run, cycle);
    }

    /// <summary>Runs one cycle whose work is a sleep of <paramref name="latency"/> per chunk; returns ids/s.</summary>
    public static async Task<StatusColumnCycle> RunSleepAsync(CompareDatabases databases,
        StatusColumnSettings settings, TimeSpan latency)
    {
        var refresher = new StatusColumnRefresher(databases.Legacy, settings,
            (_, token) => Task.Delay(latency, token));
        return await refresher.RunCycleAsync();
    }
}
