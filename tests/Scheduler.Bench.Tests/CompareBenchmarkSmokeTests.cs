using Scheduler.Bench.Compare;

namespace Scheduler.Bench.Tests;

/// <summary>
/// Runs the compare benchmark on a tiny data set so that it cannot rot: it must start its servers, run every design
/// and print every table. Its figures mean nothing at this size and nothing is asserted about them.
/// </summary>
public sealed class CompareBenchmarkSmokeTests
{
    private static readonly string[] TinyRun =
    [
        "--users", "500", "--scheduler-ids", "5000", "--workers", "1,2", "--chunk", "100", "--chunks", "50",
        "--latency-chunk", "50", "--latency-ms", "10", "--paced-max-s", "2",
    ];

    private static readonly string[] ExpectedLines =
    [
        "CRM sync, one full cycle into an empty target",
        "full cycle s", "users/s", "rows/s", "legacy queries", "legacy rows written", "peak legacy queries/s",
        "peak managed heap MiB", "peak working set MiB", "Redis bytes/enrolled id",
        "Where the designs differ",
        "peak legacy q/s (paced at", "legacy rows written per cycle", "latency-bound ids/s", "noop ids/s",
        "enrolment ids/s",
        "Latency-bound scaling", "x 1 silo",
        "Status-column baseline tuning", "1 x 100", "2 x 100",
        "Status-column baseline sleeping",
    ];

    [Fact]
    public async Task Compare_TinyRun_PrintsEveryTable()
    {
        using var output = new StringWriter();

        var code = await new CompareBenchmark(output).RunAsync(BenchmarkArguments.Parse(TinyRun));

        var text = output.ToString();
        Assert.True(code == 0, text);
        foreach (var expected in ExpectedLines)
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }
}
