using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Grains.Options;

/// <summary>
/// The settings of one schedule, bound from <c>Scheduler:Schedules:{name}</c>. Every setting is checked at
/// start-up by <see cref="SchedulerOptionsValidator"/>.
/// </summary>
public sealed class ScheduleOptions
{
    /// <summary>How often every record is refreshed; a cycle starts once per period. Default 1 hour.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the coordinator claims; shorter than <see cref="Period"/>. Default 2 seconds.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most record ids in one batch, from 1 to 10,000. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long a worker has to finish a batch before its ids are handed out again; longer than
    /// <see cref="TickInterval"/>. Default 5 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures in a row after which a record is parked; at least 1. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after a record's first failure; it doubles with each further one. Default 5 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between attempts; at least <see cref="BackoffBase"/>. Default 5 minutes.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most records per second the whole cluster claims for this schedule, whatever the number of silos.
    /// Default 0, which means no rate ceiling: only <see cref="MaxConcurrentBatches"/> bounds the load. Set it to
    /// protect a fragile upstream; when set, it must allow at least one record per <see cref="TickInterval"/>.
    /// </summary>
    public double MaxRecordsPerSecond { get; set; }

    /// <summary>The most batches in flight at once over the whole cluster; at least 1. Default 200.</summary>
    public int MaxConcurrentBatches { get; set; } = 200;

    /// <summary>The name of the processor that refreshes this schedule's records. Default <c>noop</c>.</summary>
    public string Processor { get; set; } = NoopProcessor.ProcessorName;

    /// <summary>The retry settings in the form the ring engine takes.</summary>
    public RetryPolicy ToRetryPolicy() => new(MaxAttempts, BackoffBase, BackoffMax);

    /// <summary>A claim of up to <paramref name="maxIds"/> ids with this schedule's batch size and lease.</summary>
    public ClaimRequest ToClaimRequest(int maxIds) => new(maxIds, BatchSize, LeaseDuration);
}
