using System.Globalization;
using StackExchange.Redis;

namespace Scheduler.Bench.Infrastructure;

/// <summary>Reads figures from a server's INFO; each returns null where the server does not report it.</summary>
internal static class ServerStats
{
    /// <summary>The <c>used_memory</c> field of INFO memory, in bytes.</summary>
    public static async Task<long?> UsedMemoryAsync(IServer server)
    {
        var text = await FieldAsync(server, "memory", "used_memory");
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
    }

    /// <summary>
    /// The CPU seconds the server has used since it started, <c>used_cpu_sys</c> plus <c>used_cpu_user</c> of
    /// INFO cpu: its main thread and its I/O and background threads together.
    /// </summary>
    public static async Task<double?> CpuSecondsAsync(IServer server)
    {
        var system = await FieldAsync(server, "cpu", "used_cpu_sys");
        var user = await FieldAsync(server, "cpu", "used_cpu_user");
        return double.TryParse(system, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            && double.TryParse(user, NumberStyles.Float, CultureInfo.InvariantCulture, out var u)
                ? s + u
                : null;
    }

    /// <summary>Clears the command statistics, so the next reading covers only what runs after.</summary>
    public static async Task<bool> TryResetAsync(IServer server)
    {
        try
        {
            await server.ConfigResetStatisticsAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    /// <summary>
    /// Calls and total microseconds of <paramref name="command"/> (e.g. <c>evalsha</c>) since the last reset,
    /// from INFO commandstats.
    /// </summary>
    public static async Task<(long Calls, long Usec)?> CommandAsync(IServer server, string command)
    {
        var text = await FieldAsync(server, "commandstats", "cmdstat_" + command);
        if (text is null)
        {
            return null;
        }

        // The value reads "calls=12,usec=345,usec_per_call=28.75,...".
        var parts = text.Split(',')
            .Select(p => p.Split('='))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("calls", out var calls) || !parts.TryGetValue("usec", out var usec))
        {
            return null;
        }

        return (long.Parse(calls, CultureInfo.InvariantCulture), long.Parse(usec, CultureInfo.InvariantCulture));
    }

    private static async Task<string?> FieldAsync(IServer server, string section, string field)
    {
        try
        {
            var sections = await server.InfoAsync(section);
            return sections.SelectMany(s => s).FirstOrDefault(pair => pair.Key == field).Value;
        }
        catch (RedisException)
        {
            return null;
        }
    }
}
