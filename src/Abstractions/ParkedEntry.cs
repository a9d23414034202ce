namespace Scheduler.Abstractions;

/// <summary>A parked record id and the error it last failed with.</summary>
[GenerateSerializer, Immutable]
public sealed record ParkedEntry
{
    /// <summary>The record id.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The last error.</summary>
    [Id(1)] public required string Error { get; init; }
}
