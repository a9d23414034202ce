using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scheduler.Cluster.Tests;

/// <summary>
/// What the <see cref="RecordingProcessor"/> of every in-process silo did for one test, found by the test's key
/// prefix: the silos run in the test's process, so they share this static registry.
/// </summary>
public sealed class ProcessingLog
{
    private static readonly ConcurrentDictionary<string, ProcessingLog> Logs = new(StringComparer.Ordinal);

    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<string, int> _processed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<BatchStart> _starts = new();
    private int _running;
    private int _peakRunning;

    private ProcessingLog(TimeSpan latency) => Latency = latency;

    /// <summary>How long each batch takes.</summary>
    public TimeSpan Latency { get; }

    /// <summary>The most batches that were being processed at the same time, over every silo.</summary>
    public int PeakRunning => Volatile.Read(ref _peakRunning);

    /// <summary>Every batch started, in no particular order.</summary>
    public IReadOnlyList<BatchStart> Starts => _starts.ToArray();

    /// <summary>Creates the log of the test whose keys start with <paramref name="keyPrefix"/>.</summary>
    public static ProcessingLog Create(string keyPrefix, TimeSpan latency)
    {
        var log = new ProcessingLog(latency);
        if (!Logs.TryAdd(keyPrefix, log))
        {
            throw new InvalidOperationException($"A processing log for \"{keyPrefix}\" exists already.");
        }

        return log;
    }

    /// <summary>The log of the test whose keys start with <paramref name="keyPrefix"/>.</summary>
    public static ProcessingLog For(string keyPrefix) =>
        Logs.TryGetValue(keyPrefix, out var log)
            ? log
            : throw new InvalidOperationException($"No processing log was created for \"{keyPrefix}\".");

    /// <summary>Forgets the log of <paramref name="keyPrefix"/>.</summary>
    public static void Remove(string keyPrefix) => Logs.TryRemove(keyPrefix, out _);

    /// <summary>How many times <paramref name="id"/> was processed to the end.</summary>
    public int TimesProcessed(string id) => _processed.GetValueOrDefault(id);

    /// <summary>Notes that a batch of <paramref name="count"/> ids started on <paramref name="silo"/>.</summary>
    public void Started(int count, string silo)
    {
        _starts.Enqueue(new BatchStart(Stopwatch.GetElapsedTime(_origin), count, silo));

        var running = Interlocked.Increment(ref _running);
        for (var peak = PeakRunning; running > peak; peak = PeakRunning)
        {
            Interlocked.CompareExchange(ref _peakRunning, running, peak);
        }
    }

    /// <summary>Notes that a batch started with <see cref="Started"/> stopped, whether it finished or not.</summary>
    public void Stopped() => Interlocked.Decrement(ref _running);

    /// <summary>Notes that <paramref name="ids"/> were processed to the end.</summary>
    public void Finished(IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            _processed.AddOrUpdate(id, 1, static (_, times) => times + 1);
        }
    }
}
