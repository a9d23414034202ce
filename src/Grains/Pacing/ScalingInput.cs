namespace Scheduler.Grains.Pacing;

/// <summary>What the coordinator measured, from which <see cref="ScalingSignal.Compute"/> derives a signal.</summary>
public sealed record ScalingInput
{
    /// <summary>N: the ids enrolled in the schedule.</summary>
    public required long Enrolled { get; init; }

    /// <summary>P: the schedule's period.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>e: the time since the current cycle started; negative values count as zero.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The ids claimed from the ring in the current cycle.</summary>
    public required long ClaimedThisCycle { get; init; }

    /// <summary>The moment of the measurement, from which the cycle's end is projected.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The ids per second the whole cluster processed recently; 0 when nothing was measured yet.</summary>
    public required double AchievedRate { get; init; }

    /// <summary>The silos that took part in <see cref="AchievedRate"/>.</summary>
    public required int Silos { get; init; }

    /// <summary>The most ids in one batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The most batches allowed in flight at once, over the whole cluster.</summary>
    public required int MaxConcurrentBatches { get; init; }

    /// <summary>The cluster-wide ceiling of ids per second; 0 means no ceiling.</summary>
    public double MaxRecordsPerSecond { get; init; }

    /// <summary>
    /// How long one batch takes, observed or assumed; <see langword="null"/> when unknown, in which case the
    /// concurrency limit is taken not to stand in the way.
    /// </summary>
    public TimeSpan? BatchDuration { get; init; }
}
