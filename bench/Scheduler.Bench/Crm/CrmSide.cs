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
}
