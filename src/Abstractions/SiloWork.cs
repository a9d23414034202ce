namespace Scheduler.Abstractions;

/// <summary>The ids one silo refreshed for a schedule.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloWork
{
    /// <summary>The silo's address.</summary>
    [Id(0)] public required string Address { get; init; }

    /// <summary>Ids it acknowledged as refreshed, over the schedule's life.</summary>
    [Id(1)] public required long Processed { get; init; }
}
