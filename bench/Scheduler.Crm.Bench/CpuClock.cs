using System.Diagnostics;
using System.Globalization;

namespace Scheduler.Crm.Bench;

/// <summary>
/// CPU time used by this process and its children (the MariaDB server the fixture started), which, unlike
/// wall time, does not grow when other work shares the machine.
/// </summary>
internal static class CpuClock
{
    // Linux reports times in clock ticks, 100 per second on every mainstream kernel configuration.
    private const double TicksPerSecond = 100;

    public static TimeSpan Read()
    {
        using var self = Process.GetCurrentProcess();
        var total = self.TotalProcessorTime;

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var children = File.ReadAllText(Path.Combine(task, "children"))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);

            foreach (var child in children)
            {
                total += ChildTime(child);
            }
        }

        return total;
    }

    private static TimeSpan ChildTime(string pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }

        // The command name may hold spaces, so fields are counted from the closing parenthesis: utime, stime are
        // the 12th and 13th after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture)
            + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
