namespace Scheduler.Bench.Cluster;

/// <summary>Everything measured over one forced cycle on a cluster of <see cref="Silos"/> silos.</summary>
internal sealed record ClusterMeasurement
{
    /// <summary>Silos in the cluster.</summary>
    public required int Silos { get; init; }

    /// <summary>Ids enrolled.</summary>
    public required int Ids { get; init; }

    /// <summary>Enrolment rate through the ring, ids per second.</summary>
    public required double EnrolPerSecond { get; init; }

    /// <summary>From the forced cycle's request to the poll that saw it ended with nothing in flight.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// From the cycle's start to the claim of its marker, by the ring's own clock; null if it was not recorded.
    /// </summary>
    public TimeSpan? ClaimWindow { get; init; }

    /// <summary>The most ids in flight seen by any poll.</summary>
    public required long PeakInFlight { get; init; }

    /// <summary>Ids acknowledged as refreshed.</summary>
    public required long Processed { get; init; }

    /// <summary>Ids whose processing failed.</summary>
    public required long Failed { get; init; }

    /// <summary>Whether the ring is intact after the run and every id was processed once.</summary>
    public required bool RingOk { get; init; }

    /// <summary>What is wrong with the ring when <see cref="RingOk"/> is false.</summary>
    public required string RingNote { get; init; }

    /// <summary>The ids each silo acknowledged.</summary>
    public required IReadOnlyList<SiloShare> PerSilo { get; init; }

    /// <summary>Redis CPU seconds over the cycle; null where INFO cpu is not reported.</summary>
    public double? RedisCpuSeconds { get; init; }

    /// <summary>EVALSHA calls and their total microseconds over the cycle; null without INFO commandstats.</summary>
    public (long Calls, long Usec)? Evalsha { get; init; }

    /// <summary>CPU seconds of this process (client, every silo and the benchmark) over the cycle.</summary>
    public required double BenchCpuSeconds { get; init; }

    /// <summary>The share of all the machine's cores that was busy over the cycle; null off Linux.</summary>
    public double? MachineBusy { get; init; }

    /// <summary>Garbage collections of generations 0, 1 and 2 in this process over the cycle.</summary>
    public required (int Gen0, int Gen1, int Gen2) Collections { get; init; }

    /// <summary>Ids through claim, dispatch and acknowledgement per second.</summary>
    public double IdsPerSecond => Processed / Elapsed.TotalSeconds;
}
