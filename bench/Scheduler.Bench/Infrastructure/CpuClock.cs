using System.Diagnostics;
using System.Globalization;

namespace Scheduler.Bench.Infrastructure;

/// <summary>
/// CPU time of this process and of the processes it started (the MariaDB and Redis servers), which, unlike wall
/// time, does not grow when other work shares the machine.
/// </summary>
internal static class CpuClock
{
    // Linux reports a process's times in clock ticks, 100 per second on every mainstream kernel configuration.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time used so far, split by process; without <c>/proc</c>, this process's alone.</summary>
    public static CpuSample Read()
    {
        using var self = Process.GetCurrentProcess();
        var children = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc/self/task"))
        {
            return new CpuSample(self.TotalProcessorTime, children);
        }

        // A child belongs to the thread that started it, so every thread's list is read.
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            var pids = ReadOrEmpty(Path.Combine(task, "children"))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var pid in pids)
            {
                if (ChildTime(pid) is var (name, time))
                {
                    children[name] = children.GetValueOrDefault(name) + time;
                }
            }
        }

        return new CpuSample(self.TotalProcessorTime, children);
    }

    private static (string Name, TimeSpan Time)? ChildTime(string pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        // The command name may hold spaces, so fields are counted from its closing parenthesis: utime and stime
        // are the 12th and 13th after it.
        var fields = stat[(close + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture)
            + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (stat[(open + 1)..close], TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    // A thread or child can end between listing it and reading it.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
