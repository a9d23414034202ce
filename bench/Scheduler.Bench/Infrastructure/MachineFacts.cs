using System.Globalization;
using System.Runtime.InteropServices;

namespace Scheduler.Bench.Infrastructure;

/// <summary>The facts about the machine that a benchmark figure means nothing without.</summary>
internal static class MachineFacts
{
    /// <summary>One line per fact: date, cores, CPU, OS and .NET.</summary>
    public static IEnumerable<string> Describe()
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        yield return "date:    " + now;
        yield return "cores:   " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        yield return "cpu:     " + CpuModel();
        yield return "os:      " + RuntimeInformation.OSDescription;
        yield return ".NET:    " + RuntimeInformation.FrameworkDescription;
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var model = File.ReadLines(CpuInfo)
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null
            ? RuntimeInformation.ProcessArchitecture.ToString()
            : model[(model.IndexOf(':') + 1)..].Trim();
    }
}
