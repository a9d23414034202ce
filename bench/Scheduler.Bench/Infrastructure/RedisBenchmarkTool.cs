using System.Globalization;
using System.Text.RegularExpressions;
using Scheduler.Testing;

namespace Scheduler.Bench.Infrastructure;

/// <summary>Runs the <c>redis-benchmark</c> tool that ships with Redis, for a reference figure.</summary>
internal static partial class RedisBenchmarkTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <paramref name="command"/> <paramref name="requests"/> times with <paramref name="pipeline"/> commands
    /// in flight, and returns the requests per second it reports, or why there is no figure.
    /// </summary>
    public static async Task<(double? PerSecond, string Note)> RunAsync(string host, int port, int requests,
        int pipeline, IReadOnlyList<string> command)
    {
        var executable = ServerProcess.FindExecutable("redis-benchmark");
        if (executable is null)
        {
            return (null, "redis-benchmark is not installed");
        }

        string[] arguments =
        [
            "-h", host,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-n", requests.ToString(CultureInfo.InvariantCulture),
            "-P", pipeline.ToString(CultureInfo.InvariantCulture),
            "-q",
            .. command,
        ];

        string output;
        try
        {
            output = await ServerProcess.RunAsync(executable, arguments, Timeout);
        }
        catch (InvalidOperationException e)
        {
            return (null, FirstLine(e.Message));
        }

        // With -q the last line reads "LMOVE ...: 123456.78 requests per second, p50=0.1 msec".
        var matches = PerSecond().Matches(output);
        if (matches.Count == 0)
        {
            return (null, "no rate in its output: " + FirstLine(output));
        }

        var rate = double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        return (rate, "redis-benchmark " + string.Join(' ', arguments));
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return line.Length > 160 ? line[..160] : line;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?) requests per second")]
    private static partial Regex PerSecond();
}
