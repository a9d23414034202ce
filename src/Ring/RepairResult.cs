namespace Scheduler.Ring;

/// <summary>What <see cref="ScheduleRing.RepairAsync"/> fixed in a ring.</summary>
/// <param name="MissingRestored">Enrolled ids that had no ring entry, pushed at the head.</param>
/// <param name="ForeignRemoved">Entries that were neither enrolled nor stale entries of removed ids.</param>
/// <param name="DuplicatesRemoved">Extra entries of ids that were in the ring more than once.</param>
/// <param name="MarkersAdded">Cycle markers added at the tail because the ring had none.</param>
/// <param name="MarkersRemoved">Extra cycle markers removed.</param>
public sealed record RepairResult(
    long MissingRestored,
    long ForeignRemoved,
    long DuplicatesRemoved,
    long MarkersAdded,
    long MarkersRemoved)
{
    /// <summary>True when the ring was already consistent and nothing changed.</summary>
    public bool NothingToRepair =>
        MissingRestored == 0 && ForeignRemoved == 0 && DuplicatesRemoved == 0 && MarkersAdded == 0
        && MarkersRemoved == 0;
}
