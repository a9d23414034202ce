using Scheduler.Abstractions;

namespace Scheduler.Client.Output;

/// <summary>The output of <c>verify --json</c>: the ring checked against the membership set.</summary>
public sealed record VerifyReport
{
    public required string Schedule { get; init; }

    public required long Enrolled { get; init; }

    public required long RingEntries { get; init; }

    public required long Markers { get; init; }

    public required long Missing { get; init; }

    public required long Duplicates { get; init; }

    public required long Foreign { get; init; }

    public required long Stale { get; init; }

    public required IReadOnlyList<string> Examples { get; init; }

    public required bool Ok { get; init; }

    /// <summary>Builds the report from the grain's answer.</summary>
    public static VerifyReport From(string schedule, ConsistencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        return new VerifyReport
        {
            Schedule = schedule,
            Enrolled = report.Enrolled,
            RingEntries = report.RingEntries,
            Markers = report.Markers,
            Missing = report.Missing,
            Duplicates = report.Duplicates,
            Foreign = report.Foreign,
            Stale = report.Stale,
            Examples = report.Examples,
            Ok = report.Ok,
        };
    }
}
