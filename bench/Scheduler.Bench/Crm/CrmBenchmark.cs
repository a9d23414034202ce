using System.Diagnostics;
using Scheduler.Bench.Compare;
using Scheduler.Bench.Infrastructure;

namespace Scheduler.Bench.Crm;

/// <summary>
/// The CRM sync end to end through the scheduler against the same data work alone and driven by the status-column
/// design, on the same legacy data, machine and MariaDB in one run: a full cycle into an empty target, then a cycle
/// after 1% of the legacy rows changed.
/// </summary>
internal sealed class CrmBenchmark(TextWriter output) : IBenchmark
{
    /// <summary>Creates the benchmark printing to the console.</summary>
    public CrmBenchmark()
        : this(Console.Out)
    {
    }

    /// <inheritdoc />
    public string Name => "crm";

    /// <inheritdoc />
    public string Usage =>
        "--users N [--transactions-per-user 5] [--batch 1000] [--concurrency 2] [--silos 1] [--tick-ms 2000] " +
        "[--rounds 3]";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var settings = Parse(arguments);
        var clock = Stopwatch.StartNew();
        var report = new CrmReport(output, settings);

        await using var bench = await BenchServer.StartRedisAsync();
        var seedClock = Stopwatch.StartNew();
        await using var databases = await CompareDatabases.StartAsync(settings.Users, settings.TransactionsPerUser);
        report.Seeded(seedClock.Elapsed);

        // Each side makes its own 1% change after its own full cycle, so both 1% cycles read the same kind of
        // change: the rows one change touched since the full cycle's watermarks. The sides take turns, so that a
        // slow spell of the machine or of MariaDB falls on both.
        var pureRounds = new List<CrmSide>();
        var schedulerRounds = new List<CrmSide>();
        await using (var pure = await PureDataRunner.StartAsync(databases, settings))
        await using (var scheduler = await SchedulerCrmRunner.StartAsync(bench, databases, settings))
        {
            for (var round = 1; round <= settings.Rounds; round++)
            {
                pureRounds.Add(await pure.RoundAsync());
                report.Progress(round, pureRounds[^1]);
                schedulerRounds.Add(await scheduler.RoundAsync());
                report.Progress(round, schedulerRounds[^1]);
            }
        }

        // Last and once, because its cycles write the legacy users table that the other sides only read.
        var statusColumn = await StatusColumnCrmRunner.RunAsync(databases, settings);
        report.Progress(1, statusColumn);

        clock.Stop();
        report.Print(CrmSide.Median(pureRounds), CrmSide.Median(schedulerRounds), statusColumn, clock.Elapsed);
        return 0;
    }

    private static CrmSettings Parse(BenchmarkArguments arguments)
    {
        if (arguments.Text("users") is null)
        {
            throw new ArgumentException("--users is required.", nameof(arguments));
        }

        var settings = new CrmSettings
        {
            Users = arguments.PositiveInt("users", 1),
            TransactionsPerUser = arguments.PositiveInt("transactions-per-user", 5),
            BatchSize = arguments.PositiveInt("batch", 1000),
            Concurrency = arguments.PositiveInt("concurrency", 2),
            Silos = arguments.PositiveInt("silos", 1),
            TickInterval = TimeSpan.FromMilliseconds(arguments.PositiveInt("tick-ms", 2000)),
            Rounds = arguments.PositiveInt("rounds", 3),
        };
        arguments.RejectUnknown();

        if (settings.Silos > short.MaxValue)
        {
            throw new ArgumentException($"--silos must be at most {short.MaxValue}.", nameof(arguments));
        }

        return settings;
    }
}
