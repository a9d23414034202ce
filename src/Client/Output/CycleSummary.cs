using Scheduler.Abstractions;

namespace Scheduler.Client.Output;

/// <summary>The output of <c>cycle --wait --json</c>: what one forced cycle did.</summary>
/// <param name="Cycle">The cycle's number.</param>
/// <param name="Processed">Ids refreshed while the client waited.</param>
/// <param name="Failed">Failures reported while the client waited.</param>
/// <param name="Parked">Ids parked at the end.</param>
/// <param name="DurationSeconds">From the force to the end of the cycle.</param>
/// <param name="PerSilo">Ids each silo refreshed while the client waited.</param>
public sealed record CycleSummary(
    long Cycle,
    long Processed,
    long Failed,
    long Parked,
    double DurationSeconds,
    IReadOnlyList<SiloReport> PerSilo)
{
    /// <summary>The difference of the counters before the force and after the cycle ended.</summary>
    public static CycleSummary From(long cycle, ScheduleStatus before, ScheduleStatus after, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var earlier = before.Silos.ToDictionary(s => s.Address, s => s.Processed, StringComparer.Ordinal);
        var perSilo = StatusReport.SilosOf(after)
            .Select(s => s with { Processed = s.Processed - earlier.GetValueOrDefault(s.Address) })
            .ToList();

        return new CycleSummary(cycle, after.Processed - before.Processed, after.Failed - before.Failed,
            after.Parked, Math.Round(duration.TotalSeconds, 3), perSilo);
    }
}
