using Scheduler.Abstractions;

namespace Scheduler.Client.Output;

/// <summary>The output of <c>repair --json</c>: what the repair of the ring fixed.</summary>
public sealed record RepairReport
{
    public required string Schedule { get; init; }

    public required long MissingRestored { get; init; }

    public required long ForeignRemoved { get; init; }

    public required long DuplicatesRemoved { get; init; }

    public required long MarkersAdded { get; init; }

    public required long MarkersRemoved { get; init; }

    /// <summary>Builds the report from the grain's answer.</summary>
    public static RepairReport From(string schedule, RepairOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);

        return new RepairReport
        {
            Schedule = schedule,
            MissingRestored = outcome.MissingRestored,
            ForeignRemoved = outcome.ForeignRemoved,
            DuplicatesRemoved = outcome.DuplicatesRemoved,
            MarkersAdded = outcome.MarkersAdded,
            MarkersRemoved = outcome.MarkersRemoved,
        };
    }
}
