using Scheduler.Ring;

namespace Scheduler.Grains.Processors;

/// <summary>
/// A processor that refreshes nothing and reports every record as done, for measuring the scheduler itself.
/// </summary>
public sealed class NoopProcessor : IRecordProcessor
{
    /// <summary>The name <c>noop</c> is registered under.</summary>
    public const string ProcessorName = "noop";

    private static readonly Task<IReadOnlyList<RecordFailure>> NoFailures =
        Task.FromResult<IReadOnlyList<RecordFailure>>([]);

    /// <inheritdoc />
    public string Name => ProcessorName;

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return NoFailures;
    }
}
