using Orleans.Concurrency;
using Scheduler.Abstractions;
using Scheduler.Grains.Coordination;
using Scheduler.Ring;

namespace Scheduler.Grains.Records;

/// <summary>
/// Record-level operations of a schedule, run straight against its ring on whichever silo takes the call.
/// </summary>
[StatelessWorker]
public sealed class RecordsGrain(ScheduleRings rings) : Grain, IRecordsGrain
{
    private ScheduleRing Ring => rings.Get(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<EnrolOutcome> EnrolAsync(IReadOnlyList<string> ids)
    {
        var result = await Ring.EnrolAsync(ids);
        return new EnrolOutcome { Added = result.Added, AlreadyEnrolled = result.AlreadyEnrolled };
    }

    /// <inheritdoc />
    public Task<int> RemoveAsync(IReadOnlyList<string> ids) => Ring.RemoveAsync(ids);

    /// <inheritdoc />
    public Task<int> RefreshNowAsync(IReadOnlyList<string> ids) => Ring.RefreshNowAsync(ids);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ParkedEntry>> ListParkedAsync(int max)
    {
        var parked = await Ring.ListParkedAsync(max);
        return parked.Select(p => new ParkedEntry { Id = p.Id, Error = p.Error }).ToList();
    }

    /// <inheritdoc />
    public Task<int> RequeueParkedAsync(IReadOnlyList<string> ids) => Ring.RequeueParkedAsync(ids);

    /// <inheritdoc />
    public async Task<ConsistencyReport> VerifyAsync()
    {
        var check = await Ring.VerifyAsync();
        return new ConsistencyReport
        {
            Enrolled = check.Enrolled,
            RingEntries = check.RingEntries,
            Markers = check.Markers,
            Missing = check.Missing,
            Duplicates = check.Duplicated,
            Foreign = check.Foreign,
            Stale = check.Stale,
            Examples = check.Examples,
            Ok = check.Ok,
        };
    }

    /// <inheritdoc />
    public async Task<RepairOutcome> RepairAsync()
    {
        var repair = await Ring.RepairAsync();
        return new RepairOutcome
        {
            MissingRestored = repair.MissingRestored,
            ForeignRemoved = repair.ForeignRemoved,
            DuplicatesRemoved = repair.DuplicatesRemoved,
            MarkersAdded = repair.MarkersAdded,
            MarkersRemoved = repair.MarkersRemoved,
        };
    }
}
