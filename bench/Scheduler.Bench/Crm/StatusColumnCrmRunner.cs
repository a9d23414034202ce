using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scheduler.Bench.Compare;
using Scheduler.Bench.Infrastructure;
using Scheduler.Crm;
using StatusColumn.Baseline;

namespace Scheduler.Bench.Crm;

/// <summary>
/// The same data work driven by the status-column design (SPEC.md §1): as many workers as the other sides have
/// batches in flight, each claiming chunks of the batch size from the legacy <c>users</c> table, refreshing them
/// with the same <see cref="CrmSyncProcessor"/>, and the cycle ending with the reset of every row.
/// </summary>
internal static class StatusColumnCrmRunner
{
    /// <summary>A full cycle into an empty target, a 1% change of the legacy data, then a second cycle.</summary>
    public static async Task<CrmSide> RunAsync(CompareDatabases databases, CrmSettings settings)
    {
        var target = await databases.NewTargetAsync("status");
        using var processor = new CrmSyncProcessor(Options.Create(new CrmSyncOptions
        {
            LegacyConnectionString = databases.Legacy,
            TargetConnectionString = target,
        }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

        var status = new StatusColumnSettings(settings.Concurrency, settings.BatchSize);
        var refresher = new StatusColumnRefresher(databases.Legacy, status, async (ids, token) =>
        {
            var failures = await processor.ProcessAsync(ProductCrmRunner.Schedule, ids, token);
            if (failures.Count > 0)
            {
                throw new InvalidOperationException($"{failures.Count:N0} users of a status-column chunk failed " +
                    $"to sync, first {failures[0].Id}: {failures[0].Error}");
            }
        });

        await databases.SettleAsync();
        var full = await CycleAsync(refresher, settings.Users);

        var changed = await LegacyChange.OnePercentAsync(databases.LegacyAdmin);
        await databases.SettleAsync();
        var delta = await CycleAsync(refresher, settings.Users);

        return new CrmSide($"status column, {status.Workers} x {status.ChunkSize:N0}", full, delta, changed);
    }

    private static async Task<CrmCycle> CycleAsync(StatusColumnRefresher refresher, int users)
    {
        var cpu = CpuClock.Read();
        var cycle = await refresher.RunCycleAsync();
        var used = CpuClock.Read() - cpu;

        if (cycle.Refreshed != users)
        {
            throw new InvalidOperationException(
                $"The status-column cycle refreshed {cycle.Refreshed:N0} users, not {users:N0}.");
        }

        return new CrmCycle(cycle.Elapsed, used);
    }
}
