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
internal sealed class PureDataRunner : ICrmRunner
{
    // Batches synced twice into the target before anything is timed.
    private const int WarmUpBatches = 4;

    private readonly CompareDatabases _databases;
    private readonly CrmSettings _settings;
    private readonly string _target;
    private readonly CrmSyncProcessor _processor;
    private readonly string[][] _batches;

    private PureDataRunner(CompareDatabases databases, CrmSettings settings, string target)
    {
        _databases = databases;
        _settings = settings;
        _target = target;
        _processor = new CrmSyncProcessor(Options.Create(new CrmSyncOptions
        {
            LegacyConnectionString = databases.Legacy,
            TargetConnectionString = target,
        }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

        // Made before the clock starts, as the scheduler's ids are enrolled before its clock starts.
        _batches = Enumerable.Range(1, settings.Users)
            .Select(i => i.ToString(CultureInfo.InvariantCulture))
            .Chunk(settings.BatchSize)
            .ToArray();
    }

    /// <inheritdoc />
    public string Name => "pure data work";

    /// <summary>Creates the side's target and runs the copy path and the no-change path once.</summary>
    public static async Task<PureDataRunner> StartAsync(CompareDatabases databases, CrmSettings settings)
    {
        var runner = new PureDataRunner(databases, settings, await databases.NewTargetAsync("pure"));

        // Both sides run in this process, and the side that goes first would otherwise run the sync's code (and
        // MySqlConnector's) before the JIT has optimised it.
        var some = runner._batches.Take(WarmUpBatches).ToArray();
        await CycleAsync(runner._processor, some, settings.Concurrency);
        await CycleAsync(runner._processor, some, settings.Concurrency);
        return runner;
    }

    /// <inheritdoc />
    public async Task<CrmSide> RoundAsync()
    {
        await CompareDatabases.EmptyTargetAsync(_target);
        await _databases.SettleAsync();
        var full = await CycleAsync(_processor, _batches, _settings.Concurrency);

        var changed = await LegacyChange.OnePercentAsync(_databases.LegacyAdmin);
        await _databases.SettleAsync();
        var delta = await CycleAsync(_processor, _batches, _settings.Concurrency);

        return new CrmSide(Name, full, delta, changed);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _processor.Dispose();
        return ValueTask.CompletedTask;
    }

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
