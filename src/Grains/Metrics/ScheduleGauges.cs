namespace Scheduler.Grains.Metrics;

/// <summary>The latest gauge values of one schedule, and when they were recorded.</summary>
internal sealed record ScheduleGauges(
    long InFlight,
    double CycleProgress,
    double BehindScheduleSeconds,
    int SilosNeeded,
    double? StalestRecordAgeSeconds,
    DateTimeOffset RecordedAt);
