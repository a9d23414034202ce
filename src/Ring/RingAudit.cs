using StackExchange.Redis;

namespace Scheduler.Ring;

/// <summary>Compares a snapshot of a ring with its membership set.</summary>
internal static class RingAudit
{
    private const int MaxExamples = 10;

    public static RingConsistency Check(RedisValue[] ring, RedisValue[] members, HashEntry[] ghosts)
    {
        var entries = new Dictionary<string, int>(ring.Length, StringComparer.Ordinal);
        var markers = 0L;
        foreach (var value in ring)
        {
            var entry = (string)value!;
            if (entry == RingKeys.CycleMarker)
            {
                markers++;
            }
            else
            {
                entries[entry] = entries.GetValueOrDefault(entry) + 1;
            }
        }

        var examples = new List<string>();
        void Example(string what)
        {
            if (examples.Count < MaxExamples)
            {
                examples.Add(what);
            }
        }

        long missing = 0, duplicated = 0;
        foreach (var value in members)
        {
            var id = (string)value!;
            var seen = entries.GetValueOrDefault(id);
            if (seen == 0)
            {
                missing++;
                Example($"missing: {id}");
            }
            else if (seen > 1)
            {
                duplicated += seen - 1;
                Example($"duplicated {seen} times: {id}");
            }

            entries.Remove(id);
        }

        var pendingStale = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var ghost in ghosts)
        {
            pendingStale[(string)ghost.Name!] = (long)ghost.Value;
        }

        long foreign = 0, stale = 0;
        foreach (var (entry, seen) in entries)
        {
            var expected = pendingStale.GetValueOrDefault(entry);
            stale += Math.Min(seen, expected);
            if (seen > expected)
            {
                foreign += seen - expected;
                Example($"foreign: {entry}");
            }
        }

        if (markers > 1 || (markers == 0 && (members.Length > 0 || ring.Length > 0)))
        {
            Example($"{markers} cycle markers instead of 1");
        }

        return new RingConsistency
        {
            Enrolled = members.Length,
            RingEntries = ring.Length - markers,
            Markers = markers,
            Missing = missing,
            Duplicated = duplicated,
            Foreign = foreign,
            Stale = stale,
            Examples = examples,
        };
    }
}
