namespace Scheduler.Ring;

/// <summary>The counts of one schedule at one instant, each read in O(1).</summary>
public sealed record RingCounts
{
    /// <summary>Enrolled ids.</summary>
    public long Enrolled { get; init; }

    /// <summary>Entries in the ring besides the cycle marker, stale entries of removed ids included.</summary>
    public long RingEntries { get; init; }

    /// <summary>Ids leased to a worker or waiting out a backoff.</summary>
    public long InFlight { get; init; }

    /// <summary>Failed ids waiting out a backoff.</summary>
    public long Retrying { get; init; }

    /// <summary>Parked ids.</summary>
    public long Parked { get; init; }

    /// <summary>Ids waiting on the priority lane.</summary>
    public long Priority { get; init; }

    /// <summary>
    /// Batches whose lease is still running; an expired lease waits for a claim to hand it out again.
    /// </summary>
    public long LeasedBatches { get; init; }

    /// <summary>The current cycle number, starting at 1.</summary>
    public long Cycle { get; init; }

    /// <summary>Ids claimed from the ring in the current cycle.</summary>
    public long ClaimedThisCycle { get; init; }

    /// <summary>When the current cycle's first claim happened, if it has started.</summary>
    public DateTimeOffset? CycleStartedAt { get; init; }

    /// <summary>When the previous cycle ended, if one has.</summary>
    public DateTimeOffset? LastCycleEndedAt { get; init; }

    /// <summary>When the previous cycle's first claim happened, if one has ended.</summary>
    public DateTimeOffset? LastCycleStartedAt { get; init; }

    /// <summary>Whether the current cycle was forced to run as fast as the limits allow.</summary>
    public bool Forced { get; init; }

    /// <summary>Ids acknowledged as refreshed, over the schedule's life.</summary>
    public long Processed { get; init; }

    /// <summary>Failures reported, over the schedule's life.</summary>
    public long Failed { get; init; }

    /// <summary>Whether claims are paused.</summary>
    public bool Paused { get; init; }
}
