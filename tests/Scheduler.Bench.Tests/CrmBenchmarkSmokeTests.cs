using Scheduler.Bench.Crm;

namespace Scheduler.Bench.Tests;

/// <summary>
/// Runs the crm benchmark on a tiny data set so that it cannot rot: it must start its servers, run all three sides and
/// print the table and the overhead. Its figures mean nothing at this size and nothing is asserted about them.
/// </summary>
public sealed class CrmBenchmarkSmokeTests
{
    private static readonly string[] TinyRun = ["--users", "300", "--batch", "50", "--rounds", "2"];

    private static readonly string[] ExpectedLines =
    [
        "full cycle s", "users/s", "rows/s", "1% cycle s", "full/1%",
        "pure data work ", "scheduler, 1 silo ", "status column, 2 x 50 ",
        "scheduler overhead: ", "status column overhead: ", "% on the full cycle, ", "% on the 1% cycle",
        "cores:", "round 2, scheduler, 1 silo: ",
    ];

    [Fact]
    public async Task Crm_TinyRun_PrintsEveryRowAndTheOverheads()
    {
        using var output = new StringWriter();

        var code = await new CrmBenchmark(output).RunAsync(BenchmarkArguments.Parse(TinyRun));

        var text = output.ToString();
        Assert.True(code == 0, text);
        foreach (var expected in ExpectedLines)
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }
}
