using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Scheduler.Abstractions;

namespace Scheduler.Grains.Metrics;

/// <summary>
/// The scheduler's instruments under the one <see cref="MeterName"/> meter: counters fed by coordinators and
/// workers as they claim and complete, and gauges of each schedule's latest status, which an autoscaler reads.
/// </summary>
public sealed class SchedulerMetrics
{
    /// <summary>The name of the scheduler's meter.</summary>
    public const string MeterName = "Scheduler";

    /// <summary>The tag naming the schedule on every instrument.</summary>
    public const string ScheduleTag = "schedule";

    /// <summary>How often a coordinator records its status into the gauges.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    // A coordinator that moved to another silo stops recording here; after a few missed intervals this silo
    // stops reporting its gauges, so an autoscaler never reads two silos' opinions of one schedule.
    private static readonly TimeSpan StatusLifetime = StatusInterval * 4;

    private readonly ConcurrentDictionary<string, ScheduleGauges> _latest = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Counter<long> _claimed;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _parked;

    /// <summary>Creates the meter and its instruments through <paramref name="meters"/>.</summary>
    public SchedulerMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(time);

        _time = time;
        var meter = meters.Create(MeterName);

        _claimed = meter.CreateCounter<long>("scheduler.records.claimed", "{record}",
            "Ids claimed from the ring and handed to workers.");
        _processed = meter.CreateCounter<long>("scheduler.records.processed", "{record}",
            "Ids refreshed and acknowledged.");
        _failed = meter.CreateCounter<long>("scheduler.records.failed", "{record}",
            "Ids a processor reported as failed; they are retried or parked.");
        _parked = meter.CreateCounter<long>("scheduler.records.parked", "{record}",
            "Failed ids parked because they reached the attempt limit.");

        meter.CreateObservableGauge("scheduler.records.in_flight", () => Observe(g => g.InFlight), "{record}",
            "Ids claimed and not yet completed.");
        meter.CreateObservableGauge("scheduler.cycle.progress", () => Observe(g => g.CycleProgress), "1",
            "Ids claimed this cycle as a fraction of the ids enrolled.");
        meter.CreateObservableGauge("scheduler.behind_schedule", () => Observe(g => g.BehindScheduleSeconds), "s",
            "How far the cycle lags its pacing target, in seconds at the required rate.");
        meter.CreateObservableGauge("scheduler.silos.needed", () => Observe(g => g.SilosNeeded), "{silo}",
            "Silos the schedule needs to meet its period at the per-silo rate achieved.");
        meter.CreateObservableGauge("scheduler.stalest_record.age", ObserveStalest, "s",
            "Time since the stalest record was last refreshed.");
    }

    /// <summary>Counts <paramref name="count"/> ids claimed for <paramref name="schedule"/>.</summary>
    public void Claimed(string schedule, int count) => _claimed.Add(count, Tag(schedule));

    /// <summary>Counts the outcome of one completed batch of <paramref name="schedule"/>.</summary>
    public void Completed(string schedule, int processed, int failed, int parked)
    {
        var tag = Tag(schedule);
        _processed.Add(processed, tag);
        _failed.Add(failed, tag);
        _parked.Add(parked, tag);
    }

    /// <summary>Records <paramref name="status"/> as the latest values of its schedule's gauges.</summary>
    public void Record(ScheduleStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);

        var progress = status.Enrolled > 0 ? Math.Clamp((double)status.CycleClaimed / status.Enrolled, 0, 1) : 0;
        _latest[status.Schedule] = new ScheduleGauges(
            status.InFlight,
            progress,
            status.BehindScheduleSeconds,
            status.SilosNeeded,
            status.StalestRecordAge?.TotalSeconds,
            _time.GetUtcNow());
    }

    private static KeyValuePair<string, object?> Tag(string schedule) => new(ScheduleTag, schedule);

    private IEnumerable<Measurement<double>> Observe(Func<ScheduleGauges, double> value) =>
        Current().Select(p => new Measurement<double>(value(p.Value), Tag(p.Key)));

    // A schedule whose previous cycle has not ended has no stalest-record age yet; it reports nothing.
    private IEnumerable<Measurement<double>> ObserveStalest() =>
        Current().Where(p => p.Value.StalestRecordAgeSeconds is not null)
            .Select(p => new Measurement<double>(p.Value.StalestRecordAgeSeconds!.Value, Tag(p.Key)));

    private List<KeyValuePair<string, ScheduleGauges>> Current()
    {
        var oldest = _time.GetUtcNow() - StatusLifetime;
        return _latest.Where(p => p.Value.RecordedAt >= oldest).ToList();
    }
}
