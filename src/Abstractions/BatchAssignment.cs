namespace Scheduler.Abstractions;

/// <summary>A leased batch handed to a worker.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchAssignment
{
    /// <summary>The schedule the batch belongs to.</summary>
    [Id(0)] public required string Schedule { get; init; }

    /// <summary>The batch id, used to complete it.</summary>
    [Id(1)] public required long BatchId { get; init; }

    /// <summary>When the lease runs out; work finishing later is handed out again.</summary>
    [Id(2)] public required DateTimeOffset Deadline { get; init; }

    /// <summary>The record ids to refresh.</summary>
    [Id(3)] public required IReadOnlyList<string> Ids { get; init; }
}
