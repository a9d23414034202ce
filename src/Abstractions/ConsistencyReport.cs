namespace Scheduler.Abstractions;

/// <summary>The ring of a schedule checked against its membership set.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsistencyReport
{
    /// <summary>Enrolled ids.</summary>
    [Id(0)] public required long Enrolled { get; init; }

    /// <summary>Ring entries besides cycle markers.</summary>
    [Id(1)] public required long RingEntries { get; init; }

    /// <summary>Cycle markers in the ring; one is right.</summary>
    [Id(2)] public required long Markers { get; init; }

    /// <summary>Enrolled ids missing from the ring.</summary>
    [Id(3)] public required long Missing { get; init; }

    /// <summary>Extra entries of ids that appear more than once.</summary>
    [Id(4)] public required long Duplicates { get; init; }

    /// <summary>Entries that belong to no enrolled id.</summary>
    [Id(5)] public required long Foreign { get; init; }

    /// <summary>Stale entries of removed ids not yet dropped by a claim (expected).</summary>
    [Id(6)] public required long Stale { get; init; }

    /// <summary>Up to ten examples of the problems found.</summary>
    [Id(7)] public required IReadOnlyList<string> Examples { get; init; }

    /// <summary>Whether every enrolled id is in the ring exactly once, with one marker.</summary>
    [Id(8)] public required bool Ok { get; init; }
}
