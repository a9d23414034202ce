using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Scheduler.Abstractions;
using Scheduler.Grains.Coordination;
using Scheduler.Grains.Metrics;
using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Grains.Workers;

/// <summary>
/// Refreshes batches on the silo it was placed on and completes them in Redis. Reentrant, so the batches handed
/// to one silo overlap while their processor waits on I/O.
/// </summary>
[Reentrant]
public sealed partial class WorkerGrain(
    ScheduleRings rings,
    ProcessorRegistry processors,
    ILocalSiloDetails silo,
    TimeProvider time,
    SchedulerMetrics metrics,
    ILogger<WorkerGrain> logger) : Grain, IWorkerGrain
{
    /// <inheritdoc />
    public async Task ProcessAsync(BatchAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);

        var settings = rings.Settings(assignment.Schedule);
        var ring = rings.Get(assignment.Schedule);
        var processor = processors.Get(settings.Processor);

        // Work that outlives its lease is handed to another worker anyway; stop it rather than race it.
        using var expiry = new CancellationTokenSource(Remaining(assignment.Deadline), time);
        IReadOnlyList<RecordFailure> failures;
        try
        {
            failures = await processor.ProcessAsync(assignment.Schedule, assignment.Ids, expiry.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.BatchFailed(logger, e, assignment.Schedule, assignment.BatchId, processor.Name);
            failures = assignment.Ids.Select(id => new RecordFailure(id, e.Message)).ToList();
        }

        // The processor is done with the batch: a batch the coordinator claimed ahead can take its place now, while
        // the completion below is written.
        _ = GrainFactory.GetGrain<ICoordinatorGrain>(assignment.Schedule).BatchFinishedAsync(assignment.BatchId);

        try
        {
            var result = await ring.CompleteAsync(assignment.BatchId, failures, settings.ToRetryPolicy(),
                silo.SiloAddress.ToParsableString());

            // A stale completion changed nothing; the batch's ids are counted by whoever completes them.
            if (!result.Stale)
            {
                metrics.Completed(assignment.Schedule, result.Processed, failures.Count, result.Parked);

                // Capacity just freed: let the coordinator refill it now rather than at its next tick.
                _ = GrainFactory.GetGrain<ICoordinatorGrain>(assignment.Schedule).BatchCompletedAsync();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The lease runs out and the batch is handed out again: nothing is lost, so log and carry on.
            Log.CompletionFailed(logger, e, assignment.Schedule, assignment.BatchId);
        }
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    // Event ids 2100-2199 belong to workers.
    private static partial class Log
    {
        [LoggerMessage(2100, LogLevel.Warning,
            "Processor {Processor} failed batch {BatchId} of schedule {Schedule}; its ids will be retried")]
        public static partial void BatchFailed(ILogger logger, Exception exception, string schedule, long batchId,
            string processor);

        [LoggerMessage(2101, LogLevel.Warning,
            "Could not complete batch {BatchId} of schedule {Schedule} in Redis; it is handed out again when its "
            + "lease runs out")]
        public static partial void CompletionFailed(ILogger logger, Exception exception, string schedule, long batchId);
    }
}
