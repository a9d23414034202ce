using Scheduler.Abstractions;

namespace Scheduler.Client.Output;

/// <summary>The output of <c>status --json</c>; field names are a stable contract documented in the README.</summary>
public sealed record StatusReport
{
    public required string Schedule { get; init; }

    public required long Enrolled { get; init; }

    public required CycleProgress Cycle { get; init; }

    public required long InFlight { get; init; }

    public required long Parked { get; init; }

    public required bool Paused { get; init; }

    public required long Processed { get; init; }

    public required long Failed { get; init; }

    public required double PeriodSeconds { get; init; }

    public required double RequiredRate { get; init; }

    public required double AchievedRate { get; init; }

    public required double BehindScheduleSeconds { get; init; }

    public required int SilosNeeded { get; init; }

    public required bool CanMeetPeriod { get; init; }

    public double? StalestRecordAgeSeconds { get; init; }

    public DateTimeOffset? ProjectedCycleEnd { get; init; }

    public required IReadOnlyList<SiloReport> Silos { get; init; }

    /// <summary>Builds the report from what the coordinator returned.</summary>
    public static StatusReport From(ScheduleStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);

        return new StatusReport
        {
            Schedule = status.Schedule,
            Enrolled = status.Enrolled,
            Cycle = new CycleProgress(status.Cycle, status.CycleClaimed, status.CycleTarget, status.Forced,
                status.CycleStartedAt),
            InFlight = status.InFlight,
            Parked = status.Parked,
            Paused = status.Paused,
            Processed = status.Processed,
            Failed = status.Failed,
            PeriodSeconds = status.Period.TotalSeconds,
            RequiredRate = Math.Round(status.RequiredRate, 3),
            AchievedRate = Math.Round(status.AchievedRate, 3),
            BehindScheduleSeconds = Math.Round(status.BehindScheduleSeconds, 3),
            SilosNeeded = status.SilosNeeded,
            CanMeetPeriod = status.CanMeetPeriod,
            StalestRecordAgeSeconds = status.StalestRecordAge is { } age ? Math.Round(age.TotalSeconds, 3) : null,
            ProjectedCycleEnd = status.ProjectedCycleEnd,
            Silos = SilosOf(status),
        };
    }

    /// <summary>Every silo that is active or has done work, with its processed count.</summary>
    public static IReadOnlyList<SiloReport> SilosOf(ScheduleStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);

        var active = status.ActiveSilos.ToHashSet(StringComparer.Ordinal);
        var worked = status.Silos.ToDictionary(s => s.Address, s => s.Processed, StringComparer.Ordinal);
        return active.Union(worked.Keys)
            .Order(StringComparer.Ordinal)
            .Select(address => new SiloReport(address, worked.GetValueOrDefault(address), active.Contains(address)))
            .ToList();
    }
}
