using Scheduler.Abstractions;
using Scheduler.Grains.Pacing;
using Scheduler.Ring;

namespace Scheduler.Grains.Coordination;

public sealed partial class CoordinatorGrain
{
    /// <inheritdoc />
    public async Task<ScheduleStatus> GetStatusAsync()
    {
        var now = time.GetUtcNow();
        var counts = await Ring.GetCountsAsync();
        var perSilo = await Ring.GetProcessedByWorkerAsync();
        var active = ActiveSilos();

        var elapsed = counts.CycleStartedAt is { } started ? now - started : TimeSpan.Zero;
        var achieved = elapsed > TimeSpan.Zero ? counts.ClaimedThisCycle / elapsed.TotalSeconds : 0;
        var target = counts.CycleStartedAt is null ? 0 : Pacer.Plan(PacingFor(counts, now) with
        {
            Elapsed = elapsed,
        }).Target;
        var signal = ScalingSignal.Compute(new ScalingInput
        {
            Enrolled = counts.Enrolled,
            Period = _settings.Period,
            Elapsed = elapsed,
            ClaimedThisCycle = counts.ClaimedThisCycle,
            Now = now,
            AchievedRate = achieved,
            Silos = Math.Max(1, active.Count),
            BatchSize = _settings.BatchSize,
            MaxConcurrentBatches = _settings.MaxConcurrentBatches,
            MaxRecordsPerSecond = _settings.MaxRecordsPerSecond,
        });

        return new ScheduleStatus
        {
            Schedule = _schedule,
            Enrolled = counts.Enrolled,
            Cycle = counts.Cycle,
            CycleClaimed = counts.ClaimedThisCycle,
            CycleTarget = target,
            Forced = counts.Forced,
            InFlight = counts.InFlight,
            Parked = counts.Parked,
            Paused = counts.Paused,
            Processed = counts.Processed,
            Failed = counts.Failed,
            CycleStartedAt = counts.CycleStartedAt,
            Silos = perSilo.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new SiloWork { Address = p.Key, Processed = p.Value })
                .ToList(),
            Period = _settings.Period,
            RequiredRate = signal.RequiredRate,
            AchievedRate = achieved,
            BehindScheduleSeconds = signal.BehindSchedule.TotalSeconds,
            ProjectedCycleEnd = counts.CycleStartedAt is null ? null : signal.ProjectedCycleEnd,
            CanMeetPeriod = signal.CanMeetPeriod,
            SilosNeeded = signal.SilosNeeded,
            StalestRecordAge = StalestAge(counts, now),
            ActiveSilos = active.Select(s => s.ToParsableString()).ToList(),
        };
    }

    // The ring keeps its order, so the id it reaches next was refreshed at the same fraction of the previous cycle
    // as the current cycle has claimed: that id is the stalest record.
    private static TimeSpan? StalestAge(RingCounts counts, DateTimeOffset now)
    {
        if (counts.LastCycleStartedAt is not { } lastStart || counts.LastCycleEndedAt is not { } lastEnd
            || counts.Enrolled == 0)
        {
            return null;
        }

        var fraction = Math.Clamp((double)counts.ClaimedThisCycle / counts.Enrolled, 0, 1);
        var refreshedAt = lastStart + ((lastEnd - lastStart) * fraction);
        var age = now - refreshedAt;
        return age > TimeSpan.Zero ? age : TimeSpan.Zero;
    }
}
