namespace Scheduler.Abstractions;

/// <summary>What a repair of a schedule's ring fixed.</summary>
[GenerateSerializer, Immutable]
public sealed record RepairOutcome
{
    /// <summary>Enrolled ids that had no ring entry, pushed at the head of the ring.</summary>
    [Id(0)] public required long MissingRestored { get; init; }

    /// <summary>Entries that belonged to no enrolled id, removed.</summary>
    [Id(1)] public required long ForeignRemoved { get; init; }

    /// <summary>Extra entries of ids that appeared more than once, removed.</summary>
    [Id(2)] public required long DuplicatesRemoved { get; init; }

    /// <summary>Cycle markers added because the ring had none.</summary>
    [Id(3)] public required long MarkersAdded { get; init; }

    /// <summary>Extra cycle markers removed.</summary>
    [Id(4)] public required long MarkersRemoved { get; init; }
}
