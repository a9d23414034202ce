namespace Scheduler.Abstractions;

/// <summary>The outcome of an enrolment.</summary>
[GenerateSerializer, Immutable]
public sealed record EnrolOutcome
{
    /// <summary>Ids that were not enrolled before.</summary>
    [Id(0)] public required int Added { get; init; }

    /// <summary>Ids that were already enrolled and were left as they were.</summary>
    [Id(1)] public required int AlreadyEnrolled { get; init; }
}
