namespace Scheduler.Abstractions;

/// <summary>What the coordinator of a schedule reports.</summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleStatus
{
    /// <summary>The schedule's name.</summary>
    [Id(0)] public required string Schedule { get; init; }

    /// <summary>Enrolled ids.</summary>
    [Id(1)] public required long Enrolled { get; init; }

    /// <summary>The current cycle number, starting at 1.</summary>
    [Id(2)] public required long Cycle { get; init; }

    /// <summary>Ids claimed from the ring in the current cycle.</summary>
    [Id(3)] public required long CycleClaimed { get; init; }

    /// <summary>Where pacing wants the cycle to be by now.</summary>
    [Id(4)] public required long CycleTarget { get; init; }

    /// <summary>Whether the current cycle runs as fast as the limits allow.</summary>
    [Id(5)] public required bool Forced { get; init; }

    /// <summary>Ids leased to workers or waiting out a backoff.</summary>
    [Id(6)] public required long InFlight { get; init; }

    /// <summary>Parked ids.</summary>
    [Id(7)] public required long Parked { get; init; }

    /// <summary>Whether claims are paused.</summary>
    [Id(8)] public required bool Paused { get; init; }

    /// <summary>Ids acknowledged as refreshed over the schedule's life.</summary>
    [Id(9)] public required long Processed { get; init; }

    /// <summary>Failures reported over the schedule's life.</summary>
    [Id(10)] public required long Failed { get; init; }

    /// <summary>When the current cycle started, if it has.</summary>
    [Id(11)] public DateTimeOffset? CycleStartedAt { get; init; }

    /// <summary>Per silo, the ids it refreshed.</summary>
    [Id(12)] public required IReadOnlyList<SiloWork> Silos { get; init; }

    /// <summary>The schedule's period.</summary>
    [Id(13)] public required TimeSpan Period { get; init; }

    /// <summary>The ids per second the period needs, N/P.</summary>
    [Id(14)] public required double RequiredRate { get; init; }

    /// <summary>The ids per second claimed so far in the current cycle.</summary>
    [Id(15)] public required double AchievedRate { get; init; }

    /// <summary>How far the cycle lags its pacing target, in seconds of the required rate.</summary>
    [Id(16)] public required double BehindScheduleSeconds { get; init; }

    /// <summary>When the cycle ends at the achieved rate, if anything has been achieved.</summary>
    [Id(17)] public DateTimeOffset? ProjectedCycleEnd { get; init; }

    /// <summary>Whether the period can be met with the configured limits.</summary>
    [Id(18)] public required bool CanMeetPeriod { get; init; }

    /// <summary>How many silos the schedule needs at the per-silo rate achieved.</summary>
    [Id(19)] public required int SilosNeeded { get; init; }

    /// <summary>
    /// The age of the stalest record: the one the ring reaches next, last refreshed at the same offset into the
    /// previous cycle; unknown before a cycle has ended.
    /// </summary>
    [Id(20)] public TimeSpan? StalestRecordAge { get; init; }

    /// <summary>The active silos of the cluster.</summary>
    [Id(21)] public required IReadOnlyList<string> ActiveSilos { get; init; }
}
