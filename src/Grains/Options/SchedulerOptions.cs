using Scheduler.Ring;

namespace Scheduler.Grains.Options;

/// <summary>The scheduler's settings, bound from the <c>Scheduler</c> configuration section.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Scheduler";

    /// <summary>The prefix of every Redis key, inside the hash tag; no braces. Default <c>sched</c>.</summary>
    public string KeyPrefix { get; set; } = "sched";

    /// <summary>
    /// The schedules by name (case-sensitive, as they become part of Redis keys). When none is configured, one
    /// schedule named <see cref="ScheduleNames.Default"/> runs with default settings.
    /// </summary>
    public Dictionary<string, ScheduleOptions> Schedules { get; } = new(StringComparer.Ordinal);
}
