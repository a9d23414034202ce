namespace Scheduler.Grains.Pacing;

/// <summary>What the coordinator knows at a tick, from which <see cref="Pacer.Plan"/> sizes the claim.</summary>
public sealed record PacingInput
{
    /// <summary>N: the ids enrolled in the schedule.</summary>
    public required long Enrolled { get; init; }

    /// <summary>P: the schedule's period.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>e: the time since the current cycle started; negative values count as zero.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The ids claimed from the ring in the current cycle.</summary>
    public required long ClaimedThisCycle { get; init; }

    /// <summary>
    /// Whether the current cycle has already reached its cycle marker. Nothing more is claimed until the caller
    /// starts the next cycle at <see cref="Pacer.NextCycleStart"/> or forces one.
    /// </summary>
    public bool CycleEnded { get; init; }

    /// <summary>Whether the cycle was forced, which runs it as fast as the limits allow.</summary>
    public bool Forced { get; init; }

    /// <summary>The batches leased and not yet acknowledged, over the whole cluster.</summary>
    public required long InFlightBatches { get; init; }

    /// <summary>The most batches allowed in flight at once, over the whole cluster.</summary>
    public required int MaxConcurrentBatches { get; init; }

    /// <summary>The most ids in one batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The cluster-wide ceiling of ids claimed per second; 0 means no ceiling.</summary>
    public double MaxRecordsPerSecond { get; init; }

    /// <summary>The time between two ticks, over which the rate ceiling is spent.</summary>
    public required TimeSpan TickInterval { get; init; }
}
