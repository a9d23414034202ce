using Scheduler.Grains.Processors;
using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// Keeps the books of one scenario: the ids it enrolled, and per completed cycle the processings the
/// <c>simulated</c> processor recorded in Redis (<c>Simulated:RecordProcessings</c>) from every silo process.
/// </summary>
public sealed class Ledger(IConnectionMultiplexer redis, ScheduleRing ring, IReadOnlyList<string> enrolled)
{
    // Matches SimulatedProcessor.ProcessedKeySuffix; a mismatch shows up as nothing processed.
    private const string ProcessedSuffix = ":simulated:processed";

    private readonly List<long> _processedPerCycle = [];

    /// <summary>The hash the silos record processings in.</summary>
    public RedisKey ProcessedKey { get; } = ring.Keys.Tag + ProcessedSuffix;

    /// <summary>The most batches the silos were processing at once, across the cluster, since the scenario began.
    /// </summary>
    public async Task<long> PeakProcessingAsync() =>
        (long)await redis.GetDatabase().StringGetAsync(ring.Keys.Tag + SimulatedProcessor.PeakProcessingKeySuffix);

    /// <summary>The ids the scenario enrolled.</summary>
    public IReadOnlyList<string> Enrolled => enrolled;

    /// <summary>
    /// Closes a cycle that has ended with nothing in flight: takes (and clears, in one transaction) the
    /// processings recorded since the previous close, and returns them per id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> CloseCycleAsync()
    {
        var snapshot = redis.GetDatabase().CreateTransaction();
        var entries = snapshot.HashGetAllAsync(ProcessedKey);
        _ = snapshot.KeyDeleteAsync(ProcessedKey);
        Assert.True(await snapshot.ExecuteAsync(), "Redis refused the transaction that reads the processings.");

        var counts = (await entries).ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal);
        _processedPerCycle.Add(enrolled.LongCount(id => counts.GetValueOrDefault(id) > 0));
        return counts;
    }

    /// <summary>
    /// Closes a cycle whose processings the test counted itself (a processor other than <c>simulated</c>, such as
    /// <c>crm-sync</c>, whose target database shows what it processed): records how many enrolled ids it
    /// processed at least once.
    /// </summary>
    public void CloseCycle(long processedAtLeastOnce) => _processedPerCycle.Add(processedAtLeastOnce);

    /// <summary>Classifies every enrolled id against the whole ring and the membership set.</summary>
    public async Task<Accounting> AccountAsync(string scenario)
    {
        var database = redis.GetDatabase();
        var entries = await database.ListRangeAsync(ring.Keys.Ring);
        var members = (await database.SetMembersAsync(ring.Keys.Members)).Select(m => (string)m!)
            .ToHashSet(StringComparer.Ordinal);

        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        long markers = 0;
        foreach (var entry in entries.Select(e => (string)e!))
        {
            if (entry == RingKeys.CycleMarker)
            {
                markers++;
            }
            else
            {
                seen[entry] = seen.GetValueOrDefault(entry) + 1;
            }
        }

        long once = 0, lost = 0, duplicated = 0;
        foreach (var id in enrolled)
        {
            var count = members.Contains(id) ? seen.GetValueOrDefault(id) : 0;
            if (count == 0)
            {
                lost++;
            }
            else if (count == 1)
            {
                once++;
            }
            else
            {
                duplicated++;
            }

            seen.Remove(id);
        }

        return new Accounting(scenario, enrolled.Count, once, lost, duplicated, seen.Values.Sum(), markers,
            [.. _processedPerCycle]);
    }
}
