namespace Scheduler.Abstractions;

/// <summary>
/// The record-level operations of one schedule (enrol, remove, refresh now, parked ids, the consistency check and
/// its repair), keyed by the schedule's name. A stateless worker, so these calls run on the silo that receives them
/// and never queue behind the coordinator's ticks.
/// </summary>
public interface IRecordsGrain : IGrainWithStringKey
{
    /// <summary>Enrols ids; those already enrolled are left as they are.</summary>
    Task<EnrolOutcome> EnrolAsync(IReadOnlyList<string> ids);

    /// <summary>Removes ids; returns how many were enrolled.</summary>
    Task<int> RemoveAsync(IReadOnlyList<string> ids);

    /// <summary>Puts ids on the priority lane; returns how many were queued.</summary>
    Task<int> RefreshNowAsync(IReadOnlyList<string> ids);

    /// <summary>Lists up to <paramref name="max"/> parked ids with their last error.</summary>
    Task<IReadOnlyList<ParkedEntry>> ListParkedAsync(int max);

    /// <summary>Re-queues the given parked ids, or all of them when none are given.</summary>
    Task<int> RequeueParkedAsync(IReadOnlyList<string> ids);

    /// <summary>Checks the ring against the membership set.</summary>
    Task<ConsistencyReport> VerifyAsync();

    /// <summary>
    /// Repairs the ring in one atomic step: restores missing ids, removes foreign entries, extra duplicates and
    /// extra cycle markers, and adds a missing marker. Reads the whole ring, like <see cref="VerifyAsync"/>.
    /// </summary>
    Task<RepairOutcome> RepairAsync();
}
