using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Scheduler.Ring;

/// <summary>
/// The ring of one schedule: every enrolled record id in a Redis list used as a circular queue, with the
/// leases, retries, parked ids and priority lane beside it. Every operation that changes more than one key is
/// one atomic Lua script; nothing costs more than the ids it is given or claims, except <see cref="VerifyAsync"/>.
/// </summary>
public sealed partial class ScheduleRing
{
    /// <summary>Ids sent to Redis per script call when enrolling or removing many.</summary>
    public const int ChunkSize = 1000;

    // Enrolment keeps this many chunks on the wire at once: enough to hide the round trip,
    // few enough that one large enrolment does not crowd out claims.
    private const int ChunksInFlight = 8;

    private readonly IDatabaseAsync _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the ring of <paramref name="schedule"/> on <paramref name="database"/>.</summary>
    /// <param name="database">The Redis database holding the ring.</param>
    /// <param name="schedule">The schedule's name; see <see cref="ScheduleNames"/>.</param>
    /// <param name="keyPrefix">The prefix of every key, inside the hash tag.</param>
    /// <param name="time">The clock used for leases and backoff; tests pass a fake one.</param>
    /// <param name="logger">Where the ring logs; nothing is logged when omitted.</param>
    public ScheduleRing(
        IDatabaseAsync database,
        string schedule,
        string keyPrefix = "sched",
        TimeProvider? time = null,
        ILogger<ScheduleRing>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        if (keyPrefix.Contains('{', StringComparison.Ordinal) || keyPrefix.Contains('}', StringComparison.Ordinal))
        {
            throw new ArgumentException("The key prefix must not contain braces: they delimit the hash tag.",
                nameof(keyPrefix));
        }

        _database = database;
        Schedule = schedule;
        Keys = new RingKeys(keyPrefix, schedule);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The schedule's name.</summary>
    public string Schedule { get; }

    /// <summary>The schedule's Redis keys.</summary>
    public RingKeys Keys { get; }

    /// <summary>
    /// Enrols <paramref name="ids"/>. New ids join the head of the ring, so they are refreshed within the current
    /// cycle; ids already enrolled are left as they are. Every id is checked before anything is written.
    /// </summary>
    /// <remarks>
    /// Large enrolments go in chunks of <see cref="ChunkSize"/>, each atomic. If Redis fails part way, some chunks
    /// may be written and others not; enrolment is idempotent, so calling again with the same ids is safe.
    /// </remarks>
    public async Task<EnrolResult> EnrolAsync(IReadOnlyList<string> ids)
    {
        RecordIds.ValidateAll(ids);

        RedisKey[] keys = [Keys.Ring, Keys.Members, Keys.Ghosts, Keys.Meta];
        var added = await RunChunkedAsync(ids, RingScripts.Enrol, keys, RingKeys.CycleMarker).ConfigureAwait(false);
        return new EnrolResult(added, ids.Count - added);
    }

    /// <summary>
    /// Removes <paramref name="ids"/> from the schedule in O(1) each. Their ring entries are dropped lazily when
    /// claims meet them. Returns how many of them were enrolled.
    /// </summary>
    public Task<int> RemoveAsync(IReadOnlyList<string> ids)
    {
        RecordIds.ValidateAll(ids);

        RedisKey[] keys =
        [
            Keys.Members, Keys.Ghosts, Keys.Owners, Keys.Attempts,
            Keys.Parked, Keys.Refreshed, Keys.Retry, Keys.Priority,
        ];
        return RunChunkedAsync(ids, RingScripts.Remove, keys, prefix: null);
    }

    /// <summary>
    /// Puts <paramref name="ids"/> on the priority lane, which claims drain before the ring; the ring then skips
    /// them for the rest of the cycle. Returns how many were queued: ids that are not enrolled, or are parked,
    /// are not.
    /// </summary>
    public Task<int> RefreshNowAsync(IReadOnlyList<string> ids)
    {
        RecordIds.ValidateAll(ids);

        RedisKey[] keys = [Keys.Members, Keys.Parked, Keys.Priority];
        return RunChunkedAsync(ids, RingScripts.Refresh, keys, NowMs());
    }

    private async Task<int> RunChunkedAsync(IReadOnlyList<string> ids, RingScript script, RedisKey[] keys,
        RedisValue? prefix)
    {
        var total = 0;
        var window = new List<Task<RedisResult>>(ChunksInFlight);
        var extra = prefix.HasValue ? 1 : 0;

        for (var start = 0; start < ids.Count; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, ids.Count - start);
            var values = new RedisValue[count + extra];
            if (prefix.HasValue)
            {
                values[0] = prefix.Value;
            }

            for (var i = 0; i < count; i++)
            {
                values[extra + i] = ids[start + i];
            }

            window.Add(EvaluateAsync(script, keys, values));
            if (window.Count == ChunksInFlight)
            {
                total += await SumAsync(window).ConfigureAwait(false);
            }
        }

        return total + await SumAsync(window).ConfigureAwait(false);
    }

    private static async Task<int> SumAsync(List<Task<RedisResult>> window)
    {
        var sum = 0;
        foreach (var result in await Task.WhenAll(window).ConfigureAwait(false))
        {
            sum += (int)result;
        }

        window.Clear();
        return sum;
    }

    private Task<RedisResult> EvaluateAsync(RingScript script, RedisKey[] keys, RedisValue[] values) =>
        script.EvaluateAsync(_database, keys, values, () => Log.ScriptReloaded(_logger, script.Name, Schedule));

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
