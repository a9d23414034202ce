using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Scheduler.Grains.Options;
using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Cluster.Tests;

/// <summary>
/// A processor for cluster tests that records every batch it starts and every id it finishes in the
/// <see cref="ProcessingLog"/> of the silo's key prefix, after waiting that log's latency.
/// </summary>
public sealed class RecordingProcessor(IOptions<SchedulerOptions> options, ILocalSiloDetails silo) : IRecordProcessor
{
    /// <summary>The name the processor is registered under.</summary>
    public const string ProcessorName = "test-recording";

    /// <inheritdoc />
    public string Name => ProcessorName;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);

        var log = ProcessingLog.For(options.Value.KeyPrefix);
        log.Started(ids.Count, silo.SiloAddress.ToParsableString());
        try
        {
            if (log.Latency > TimeSpan.Zero)
            {
                await Task.Delay(log.Latency, cancellationToken).ConfigureAwait(false);
            }

            log.Finished(ids);
            return [];
        }
        finally
        {
            log.Stopped();
        }
    }
}
