using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Options;
using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Grains.Processors;

/// <summary>
/// A processor for capacity and fault tests: each batch waits <see cref="SimulatedProcessorOptions.Latency"/> and
/// each record fails with probability <see cref="SimulatedProcessorOptions.FailureRate"/>. It counts what it
/// processed, per schedule and optionally per record id, so tests can check how often records were refreshed; with
/// <see cref="SimulatedProcessorOptions.RecordProcessings"/> it also records every processing in Redis, where tests
/// can count them across silo processes, together with the most batches that were processing at once across the
/// cluster. Ids starting with <see cref="SimulatedProcessorOptions.PoisonPrefix"/>
/// always fail.
/// </summary>
public sealed class SimulatedProcessor : IRecordProcessor
{
    /// <summary>The name <c>simulated</c> is registered under.</summary>
    public const string ProcessorName = "simulated";

    /// <summary>The error reported for a record the processor chose to fail.</summary>
    public const string SimulatedError = "Simulated failure.";

    /// <summary>The suffix, after the schedule's hash tag, of the hash that records processings.</summary>
    public const string ProcessedKeySuffix = ":simulated:processed";

    /// <summary>The suffix, after the schedule's hash tag, of the key holding the most batches processing at once.
    /// </summary>
    public const string PeakProcessingKeySuffix = ":simulated:peak-processing";

    private const string ProcessingKeySuffix = ":simulated:processing";

    // The count and its peak move in one step, so two silos starting batches together cannot both miss the peak.
    private const string StartScript = """
        local processing = redis.call('INCR', KEYS[1])
        if processing > tonumber(redis.call('GET', KEYS[2]) or '0') then
          redis.call('SET', KEYS[2], processing)
        end
        return processing
        """;

    private readonly SimulatedProcessorOptions _options;
    private readonly TimeProvider _time;
    private readonly IConnectionMultiplexer? _redis;
    private readonly string _keyPrefix;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _processed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Schedule, string Id), StrongBox<long>> _perId = new();

    /// <summary>Creates the processor.</summary>
    /// <param name="options">The latency, failure rate and whether to count per id.</param>
    /// <param name="time">The clock the latency is waited on; tests pass a fake one.</param>
    /// <param name="redis">Where processings are recorded when
    /// <see cref="SimulatedProcessorOptions.RecordProcessings"/> is set; not needed otherwise.</param>
    /// <param name="scheduler">The key prefix the record's key is built with; <c>sched</c> when omitted.</param>
    public SimulatedProcessor(
        IOptions<SimulatedProcessorOptions> options,
        TimeProvider time,
        IConnectionMultiplexer? redis = null,
        IOptions<SchedulerOptions>? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        _options = options.Value;
        _time = time;
        _redis = redis;
        _keyPrefix = scheduler?.Value.KeyPrefix ?? new SchedulerOptions().KeyPrefix;
        if (_options.RecordProcessings && redis is null)
        {
            throw new InvalidOperationException(
                $"{SimulatedProcessorOptions.SectionName}:RecordProcessings needs a Redis connection.");
        }
    }

    /// <inheritdoc />
    public string Name => ProcessorName;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(ids);

        if (!_options.RecordProcessings)
        {
            return await SimulateAsync(schedule, ids, cancellationToken).ConfigureAwait(false);
        }

        var tag = new RingKeys(_keyPrefix, schedule).Tag;
        RedisKey[] keys = [tag + ProcessingKeySuffix, tag + PeakProcessingKeySuffix];
        var database = _redis!.GetDatabase();
        await database.ScriptEvaluateAsync(StartScript, keys).ConfigureAwait(false);
        try
        {
            var failures = await SimulateAsync(schedule, ids, cancellationToken).ConfigureAwait(false);
            await RecordAsync(schedule, ids).ConfigureAwait(false);
            return failures;
        }
        finally
        {
            await database.StringDecrementAsync(keys[0]).ConfigureAwait(false);
        }
    }

    /// <summary>The key of the hash that records the processings of <paramref name="schedule"/>.</summary>
    public static string ProcessedKey(string keyPrefix, string schedule) =>
        new RingKeys(keyPrefix, schedule).Tag + ProcessedKeySuffix;

    /// <summary>The key that holds the most batches of <paramref name="schedule"/> processing at once.</summary>
    public static string PeakProcessingKey(string keyPrefix, string schedule) =>
        new RingKeys(keyPrefix, schedule).Tag + PeakProcessingKeySuffix;

    private async Task<IReadOnlyList<RecordFailure>> SimulateAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, _time, cancellationToken).ConfigureAwait(false);
        }

        var failures = new List<RecordFailure>();
        foreach (var id in ids)
        {
            // Random.Shared is safe across threads; the simulation needs no reproducible sequence.
#pragma warning disable CA5394 // Not security-sensitive: the random numbers only decide simulated failures.
            if (IsPoison(id) || Random.Shared.NextDouble() < _options.FailureRate)
#pragma warning restore CA5394
            {
                failures.Add(new RecordFailure(id, SimulatedError));
            }

            if (_options.CountPerId)
            {
                Increment(_perId.GetOrAdd((schedule, id), static _ => new StrongBox<long>()), 1);
            }
        }

        Increment(_processed.GetOrAdd(schedule, static _ => new StrongBox<long>()), ids.Count);
        Increment(_failed.GetOrAdd(schedule, static _ => new StrongBox<long>()), failures.Count);
        return failures;
    }

    /// <summary>How many ids of <paramref name="schedule"/> finished processing, failed ones included.</summary>
    public long ProcessedCount(string schedule) => Read(_processed, schedule);

    /// <summary>How many record ids of <paramref name="schedule"/> the processor failed.</summary>
    public long FailedCount(string schedule) => Read(_failed, schedule);

    /// <summary>
    /// How many times record <paramref name="id"/> of <paramref name="schedule"/> was processed; always 0 unless
    /// <see cref="SimulatedProcessorOptions.CountPerId"/> is set.
    /// </summary>
    public long ProcessingsOf(string schedule, string id) => Read(_perId, (schedule, id));

    private bool IsPoison(string id) =>
        !string.IsNullOrEmpty(_options.PoisonPrefix) && id.StartsWith(_options.PoisonPrefix, StringComparison.Ordinal);

    private async Task RecordAsync(string schedule, IReadOnlyList<string> ids)
    {
        // One batch sends every increment in a single write, so the record costs one round trip per batch.
        RedisKey key = ProcessedKey(_keyPrefix, schedule);
        var batch = _redis!.GetDatabase().CreateBatch();
        var increments = new Task[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            increments[i] = batch.HashIncrementAsync(key, ids[i]);
        }

        batch.Execute();
        await Task.WhenAll(increments).ConfigureAwait(false);
    }

    private static long Read<TKey>(ConcurrentDictionary<TKey, StrongBox<long>> counters, TKey key)
        where TKey : notnull =>
        counters.TryGetValue(key, out var counter) ? Interlocked.Read(ref counter.Value) : 0;

    private static void Increment(StrongBox<long> counter, long amount) => Interlocked.Add(ref counter.Value, amount);
}
