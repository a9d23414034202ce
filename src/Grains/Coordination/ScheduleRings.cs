using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Options;
using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Grains.Coordination;

/// <summary>One <see cref="ScheduleRing"/> per configured schedule, shared by the grains of a silo.</summary>
public sealed class ScheduleRings(
    IConnectionMultiplexer redis,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduleRing> logger)
{
    private readonly ConcurrentDictionary<string, ScheduleRing> _rings = new(StringComparer.Ordinal);

    /// <summary>The settings of <paramref name="schedule"/>; throws when it is not configured.</summary>
    public ScheduleOptions Settings(string schedule) =>
        options.Value.Schedules.TryGetValue(schedule, out var settings)
            ? settings
            : throw new ArgumentException(
                $"The schedule \"{schedule}\" is not configured. Configured schedules: "
                + string.Join(", ", options.Value.Schedules.Keys) + ".",
                nameof(schedule));

    /// <summary>The ring of <paramref name="schedule"/>.</summary>
    public ScheduleRing Get(string schedule)
    {
        Settings(schedule);
        return _rings.GetOrAdd(schedule,
            name => new ScheduleRing(redis.GetDatabase(), name, options.Value.KeyPrefix, time, logger));
    }
}
