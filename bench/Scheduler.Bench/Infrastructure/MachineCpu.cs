using System.Globalization;

namespace Scheduler.Bench.Infrastructure;

/// <summary>
/// The whole machine's CPU time from <c>/proc/stat</c>, so a benchmark can tell a saturated machine from a
/// saturated process. Every figure is null where <c>/proc/stat</c> does not exist.
/// </summary>
internal static class MachineCpu
{
    private const string Stat = "/proc/stat";

    /// <summary>The busy and total time of every core together, in clock ticks, since the machine started.</summary>
    public static (long Busy, long Total)? Read()
    {
        if (!File.Exists(Stat))
        {
            return null;
        }

        // The first line sums all cores: "cpu user nice system idle iowait irq softirq steal guest guest_nice".
        var line = File.ReadLines(Stat).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture))
            .ToArray();
        if (fields.Length < 5)
        {
            return null;
        }

        // Guest time is already counted in user and nice, so only the first eight fields add up to the total.
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    /// <summary>The share of all cores that was busy between two readings, from 0 to 1.</summary>
    public static double? BusyShare((long Busy, long Total)? before, (long Busy, long Total)? after)
    {
        if (before is not { } b || after is not { } a || a.Total <= b.Total)
        {
            return null;
        }

        return (double)(a.Busy - b.Busy) / (a.Total - b.Total);
    }
}
