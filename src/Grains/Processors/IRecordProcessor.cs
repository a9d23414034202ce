using Scheduler.Ring;

namespace Scheduler.Grains.Processors;

/// <summary>
/// The code that refreshes a batch of records. Register one with
/// <see cref="ProcessorServiceCollectionExtensions.AddRecordProcessor{T}"/> and name it in a schedule's
/// <c>Processor</c> setting.
/// </summary>
/// <remarks>
/// A processor reports a record it could not refresh by returning it as a <see cref="RecordFailure"/>; it must not
/// throw for that. An exception fails the whole batch: every id of it is retried with backoff. Batches of one
/// schedule run concurrently, so an implementation must be safe to call from several threads at once.
/// </remarks>
public interface IRecordProcessor
{
    /// <summary>The name the processor is registered under, e.g. <c>noop</c>; it says what it does.</summary>
    string Name { get; }

    /// <summary>Refreshes the records <paramref name="ids"/> of <paramref name="schedule"/>.</summary>
    /// <param name="schedule">The schedule the batch belongs to.</param>
    /// <param name="ids">The record ids of the batch, each at most once.</param>
    /// <param name="cancellationToken">Cancelled when the batch is abandoned, e.g. when the silo stops.</param>
    /// <returns>The records that failed, with their errors; every id not listed was refreshed.</returns>
    Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken);
}
