using Orleans.Concurrency;

namespace Scheduler.Abstractions;

/// <summary>
/// Processes batches on one silo. The coordinator addresses one worker per silo and schedule and places it with
/// a placement hint, so batches reach every silo; workers acknowledge to Redis themselves, which keeps the
/// coordinator off the data path.
/// </summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Refreshes the batch's records and completes the batch in Redis.</summary>
    [OneWay]
    Task ProcessAsync(BatchAssignment assignment);
}
