using StackExchange.Redis;

namespace Scheduler.Ring;

/// <summary>
/// The Redis keys of one schedule. They share one hash tag, <c>{prefix:schedule}</c>, so every
/// script touches a single slot and runs unchanged on Redis Cluster.
/// </summary>
public sealed class RingKeys
{
    /// <summary>The ring's single cycle marker. It contains a space, which no record id may hold.</summary>
    public const string CycleMarker = "<cycle marker>";

    /// <summary>Creates the keys of <paramref name="schedule"/> under <paramref name="prefix"/>.</summary>
    public RingKeys(string prefix, string schedule)
    {
        ScheduleNames.Validate(schedule);
        Tag = $"{{{prefix}:{schedule}}}";
        Ring = Tag + ":ring";
        Members = Tag + ":members";
        Ghosts = Tag + ":ghosts";
        Owners = Tag + ":owners";
        Leases = Tag + ":leases";
        Retry = Tag + ":retry";
        Attempts = Tag + ":attempts";
        Parked = Tag + ":parked";
        Priority = Tag + ":priority";
        Refreshed = Tag + ":refreshed";
        Meta = Tag + ":meta";
        Workers = Tag + ":workers";
        BatchPrefix = Tag + ":batch:";
    }

    /// <summary>The hash tag every key of the schedule starts with.</summary>
    public string Tag { get; }

    /// <summary>The list of every enrolled id, once, plus the cycle marker.</summary>
    public RedisKey Ring { get; }

    /// <summary>The set of enrolled ids.</summary>
    public RedisKey Members { get; }

    /// <summary>Per removed id, how many stale ring entries a claim has yet to drop.</summary>
    public RedisKey Ghosts { get; }

    /// <summary>Per in-flight id, the batch holding it, or <c>r</c> while it waits out a backoff.</summary>
    public RedisKey Owners { get; }

    /// <summary>Leased batch ids scored by lease deadline (Unix milliseconds).</summary>
    public RedisKey Leases { get; }

    /// <summary>Failed ids scored by the time their backoff ends.</summary>
    public RedisKey Retry { get; }

    /// <summary>Per id, its failures in a row.</summary>
    public RedisKey Attempts { get; }

    /// <summary>Parked ids with their last error.</summary>
    public RedisKey Parked { get; }

    /// <summary>The priority lane: ids to refresh now, scored by request time.</summary>
    public RedisKey Priority { get; }

    /// <summary>Per id refreshed through the priority lane, the cycle it was refreshed in.</summary>
    public RedisKey Refreshed { get; }

    /// <summary>Cycle number, counters and the paused flag.</summary>
    public RedisKey Meta { get; }

    /// <summary>Per worker (silo), the ids it acknowledged as refreshed.</summary>
    public RedisKey Workers { get; }

    /// <summary>Prefix of the per-batch keys that hold a batch's ids.</summary>
    public string BatchPrefix { get; }

    /// <summary>The key holding the ids of batch <paramref name="batchId"/>.</summary>
    public RedisKey Batch(long batchId) =>
        BatchPrefix + batchId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
