using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scheduler.Bench.Compare;
using Scheduler.Bench.Infrastructure;
using Scheduler.Crm;

namespace Scheduler.Bench.Crm;

/// <summary>
/// The data work alone: the <c>crm-sync</c> processor called directly over every user, in the schedule's batch
/// size with as many batches in flight as the schedule allows, with nothing deciding what runs when.
/// </summary>
internal static class PureDataRunner
{
    // Batches synced twice into a throwaway target before anything is timed.
    private const int WarmUpBatches = 4;

    /// <summary>A full cycle into an empty target, a 1% change of the legacy data, then a second cycle.</summary>
    public static async Task<CrmSide> RunAsync(CompareDatabases databases, CrmSettings settings)
    {
        // Made before the clock starts, as the scheduler's ids are enrolled before its clock starts.
        var batches = Enumerable.Range(1, settings.Users)
            .Select(i => i.ToString(CultureInfo.InvariantCulture))
            .Chunk(settings.BatchSize)
            .ToArray();

        // Both sides run in this process, and the side that goes first would otherwise run the sync's code (and
        // MySqlConnector's) before the JIT has optimised it: the copy path and the no-change path are run once.
        using (var warm = Create(databases, await databases.NewTargetAsync()))
        {
            var some = batches.Take(WarmUpBatches).ToArray();
            await CycleAsync(warm, some, settings.Concurrency);
            await CycleAsync(warm, some, settings.Concurrency);
        }

        using var processor = Create(databases, await databases.NewTargetAsync());

        await databases.SettleAsync();
        var full = await CycleAsync(processor, batches, settings.Concurrency);

        var changed = await LegacyChange.OnePercentAsync(databases.LegacyAdmin);
        await databases.SettleAsync();
        var delta = await CycleAsync(processor, batches, settings.Concurrency);

        return new CrmSide("pure data work", full, delta, changed);
    }

    private static CrmSyncProcessor Create(CompareDatabases databases, string target) =>
        new(Options.Create(new CrmSyncOptions
        {
            LegacyConnectionString = databases.Legacy,
            TargetConnectionString = target,
        }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

    private static async Task<CrmCycle> CycleAsync(CrmSyncProcessor processor, string[][] batches,
        int concurrency)
    {
        var cpu = CpuClock.Read();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (batch, token) =>
            {
                var failures = await processor.ProcessAsync(ProductCrmRunner.Schedule, batch, token);
                if (failures.Count > 0)
                {
                    throw new InvalidOperationException($"{failures.Count:N0} of {batch.Length:N0} users of a " +
                        $"batch failed to sync, first {failures[0].Id}: {failures[0].Error}");
                }
            });

        clock.Stop();
        return new CrmCycle(clock.Elapsed, CpuClock.Read() - cpu);
    }
}
