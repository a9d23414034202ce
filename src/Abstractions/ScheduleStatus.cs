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
}
