using System.Globalization;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// The total-queue accounting of one scenario, as Jepsen does for queues: every enrolled id is present once in the
/// ring, lost (missing) or duplicated, and each completed cycle processed it at least once.
/// </summary>
/// <param name="Scenario">The scenario's name, for the printed line.</param>
/// <param name="Enrolled">Ids the scenario enrolled.</param>
/// <param name="PresentOnce">Enrolled ids found exactly once in the ring.</param>
/// <param name="Lost">Enrolled ids not in the ring, or no longer in the membership set.</param>
/// <param name="Duplicated">Enrolled ids found more than once in the ring.</param>
/// <param name="Foreign">Ring entries that are neither enrolled ids nor the cycle marker.</param>
/// <param name="Markers">Cycle markers in the ring; one is right.</param>
/// <param name="ProcessedPerCycle">Per completed cycle, the enrolled ids processed at least once in it.</param>
public sealed record Accounting(
    string Scenario,
    long Enrolled,
    long PresentOnce,
    long Lost,
    long Duplicated,
    long Foreign,
    long Markers,
    IReadOnlyList<long> ProcessedPerCycle)
{
    /// <summary>True when nothing is lost or duplicated and every cycle processed every id.</summary>
    public bool Whole =>
        PresentOnce == Enrolled && Lost == 0 && Duplicated == 0 && Foreign == 0 && Markers == 1
        && ProcessedPerCycle.All(processed => processed == Enrolled);

    /// <summary>The one accounting line the scenario prints.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"accounting {Scenario}: enrolled {Enrolled}, present once {PresentOnce}, lost {Lost}, duplicated "
        + $"{Duplicated}, foreign {Foreign}, markers {Markers}, processed at least once per cycle "
        + $"[{string.Join(", ", ProcessedPerCycle)}]");
}
