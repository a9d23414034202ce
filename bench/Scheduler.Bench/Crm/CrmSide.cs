namespace Scheduler.Bench.Crm;

/// <summary>One way of running the sync: a full cycle into an empty target, then a cycle after a 1% change.</summary>
/// <param name="Name">The row's name in the table, e.g. <c>scheduler, 1 silo</c>.</param>
/// <param name="Full">The first cycle, which copies every row.</param>
/// <param name="Delta">The second cycle, after <paramref name="Changed"/> legacy transactions changed.</param>
/// <param name="Changed">Legacy transactions the change before <paramref name="Delta"/> updated.</param>
internal sealed record CrmSide(string Name, CrmCycle Full, CrmCycle Delta, long Changed)
{
    /// <summary>How many times faster the 1% cycle ran than the full one.</summary>
    public double SpeedUp => Full.Elapsed / Delta.Elapsed;

    /// <summary>
    /// The middle round of each cycle kind: the full cycle of the round whose full cycle was the median, the 1%
    /// cycle likewise (each with its own CPU time), so that one disturbed cycle does not decide the comparison.
    /// </summary>
    public static CrmSide Median(IReadOnlyList<CrmSide> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);

        var full = rounds.Select(r => r.Full).OrderBy(c => c.Elapsed).ElementAt(rounds.Count / 2);
        var delta = rounds.Select(r => r.Delta).OrderBy(c => c.Elapsed).ElementAt(rounds.Count / 2);
        return new CrmSide(rounds[0].Name, full, delta, rounds[0].Changed);
    }
}
