using System.Diagnostics;
using System.Globalization;
using Scheduler.Bench.Cluster;
using Scheduler.Bench.Infrastructure;
using StatusColumn.Baseline;

namespace Scheduler.Bench.Compare;

/// <summary>
/// The product against the status-column design of SPEC.md section 1, on the same data, machine and MariaDB in
/// one run: the CRM sync cycle of each (the baseline tuned first), the legacy load, a paced cycle, noop throughput,
/// enrolment, and the latency-bound work where the baseline's claim queries become the limit.
/// </summary>
internal sealed class CompareBenchmark(TextWriter output) : IBenchmark
{
    private static readonly int[] DefaultWorkers = [1, 2, 4, 8, 16];
    private static readonly int[] DefaultChunks = [100, 500, 2000];
    private static readonly int[] DefaultSilos = [1, 2, 3];

    /// <summary>Creates the benchmark printing to the console.</summary>
    public CompareBenchmark()
        : this(Console.Out)
    {
    }

    /// <inheritdoc />
    public string Name => "compare";

    /// <inheritdoc />
    public string Usage =>
        "[--users 100000] [--transactions-per-user 5] [--workers 1,2,4,8,16] [--chunk 500] [--chunks 100,500,2000] " +
        "[--product-batches N (default: the baseline's best workers)] " +
        "[--tick-ms 20] [--scheduler-ids N] [--latency-ms 50] [--latency-chunk 100] [--latency-batches 200] " +
        "[--paced-max-s 60] [--silos 1,2,3]";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var settings = Parse(arguments);
        var clock = Stopwatch.StartNew();
        var report = new CompareReport(output, settings);

        await using var bench = await BenchServer.StartRedisAsync();
        var seedClock = Stopwatch.StartNew();
        await using var databases = await CompareDatabases.StartAsync(settings.Users, settings.TransactionsPerUser);
        report.Seeded(seedClock.Elapsed);
        var rowsPerUser = settings.TransactionsPerUser + 1;

        var tuning = await TuneBaselineAsync(databases, settings, rowsPerUser, report);
        var best = tuning.MaxBy(t => t.Run.UsersPerSecond)!;

        var productBatches = settings.ProductBatches ?? best.Settings.Workers;
        var products = new List<DesignRun>();
        foreach (var silos in new[] { 1, 2 })
        {
            var run = await ProductCrmRunner.RunAsync(bench, databases, settings, settings.TickInterval, silos,
                best.Settings.ChunkSize, productBatches, maxRecordsPerSecond: 0);
            report.Progress(run);
            products.Add(run);
        }

        // Paced like a real period, slower than the baseline's burst, but short enough for a benchmark.
        var pacedRate = (int)Math.Ceiling(Math.Max(best.Run.UsersPerSecond / 4,
            settings.Users / settings.PacedMax.TotalSeconds));

        // A paced tick claims rate x tick ids, so a tick shorter than a full batch at that rate would cut every
        // batch short and multiply the queries; the silo's default tick (2 s) claims full batches at real rates.
        var pacedTick = TimeSpan.FromSeconds(Math.Max(settings.TickInterval.TotalSeconds,
            (double)best.Settings.ChunkSize / pacedRate));
        var paced = await ProductCrmRunner.RunAsync(bench, databases, settings, pacedTick, 1,
            best.Settings.ChunkSize, productBatches, pacedRate);
        report.Progress(paced with { Name = $"scheduler paced at {pacedRate:N0} users/s, tick " +
            $"{pacedTick.TotalMilliseconds:F0} ms" });

        var ids = MakeIds(settings.SchedulerIds);
        var noop = await ClusterRunner.MeasureAsync(bench, SchedulerSettings(settings, "noop", 500, 200), 1, ids);
        report.Line($"   noop: {noop.IdsPerSecond:N0} ids/s, enrolment {noop.EnrolPerSecond:N0} ids/s; " +
            CompareReport.Cost(noop));
        var latency = await ClusterRunner.MeasureAsync(bench,
            SchedulerSettings(settings, "simulated", settings.LatencyChunk, settings.LatencyBatches), 1, ids);
        report.Line($"   simulated {settings.Latency.TotalMilliseconds} ms: {latency.IdsPerSecond:N0} ids/s, " +
            $"{latency.Processed / settings.LatencyChunk / latency.Elapsed.TotalSeconds:N0} batches/s; " +
            CompareReport.Cost(latency));

        var scaling = await ScaleAsync(bench, settings, latency, ids, report);

        var sleeps = new List<(StatusColumnSettings Settings, StatusColumnCycle Cycle)>();
        foreach (var workers in settings.Workers)
        {
            var sleepSettings = new StatusColumnSettings(workers, settings.LatencyChunk);
            var cycle = await BaselineRunner.RunSleepAsync(databases, sleepSettings, settings.Latency);
            report.Line($"   status column sleeping, {workers} workers: " +
                $"{cycle.Refreshed / cycle.Elapsed.TotalSeconds:N0} ids/s");
            sleeps.Add((sleepSettings, cycle));
        }

        clock.Stop();
        report.Print(new CompareResults
        {
            Tuning = tuning,
            Best = best,
            Products = products,
            ProductBatches = productBatches,
            Paced = paced,
            PacedRate = pacedRate,
            PacedTick = pacedTick,
            Noop = noop,
            Latency = latency,
            Scaling = scaling,
            Sleeps = sleeps,
            Elapsed = clock.Elapsed,
        });
        return 0;
    }

    private static async Task<List<BaselineTuning>> TuneBaselineAsync(CompareDatabases databases,
        CompareSettings settings, int rowsPerUser, CompareReport report)
    {
        var tuning = new List<BaselineTuning>();
        foreach (var workers in settings.Workers)
        {
            tuning.Add(await TuneOnceAsync(new StatusColumnSettings(workers, settings.FirstChunk)));
        }

        var bestWorkers = tuning.MaxBy(t => t.Run.UsersPerSecond)!.Settings.Workers;
        foreach (var chunk in settings.Chunks.Where(c => c != settings.FirstChunk))
        {
            tuning.Add(await TuneOnceAsync(new StatusColumnSettings(bestWorkers, chunk)));
        }

        return tuning;

        async Task<BaselineTuning> TuneOnceAsync(StatusColumnSettings baseline)
        {
            var (run, cycle) = await BaselineRunner.RunCrmAsync(databases, rowsPerUser, baseline);
            report.Progress(run);
            return new BaselineTuning(baseline, run, cycle);
        }
    }

    // The one-silo row is the latency-bound run above, so the ratios are against the figure the comparison quotes.
    private static async Task<List<ClusterMeasurement>> ScaleAsync(BenchServer bench, CompareSettings settings,
        ClusterMeasurement oneSilo, string[] ids, CompareReport report)
    {
        var scaling = new List<ClusterMeasurement> { oneSilo };
        var latencySettings = SchedulerSettings(settings, "simulated", settings.LatencyChunk, settings.LatencyBatches);
        foreach (var silos in settings.Silos.Where(s => s > 1).Distinct().Order())
        {
            var run = await ClusterRunner.MeasureAsync(bench, latencySettings with { SiloCounts = [silos] }, silos,
                ids);
            report.Line($"   simulated {settings.Latency.TotalMilliseconds} ms on {silos} silos: " +
                $"{run.IdsPerSecond:N0} ids/s; {CompareReport.Cost(run)}");
            scaling.Add(run);
        }

        return scaling;
    }

    private static ClusterSettings SchedulerSettings(CompareSettings settings, string processor, int batch,
        int maxBatches) => new()
    {
        Ids = settings.SchedulerIds,
        SiloCounts = [1],
        BatchSize = batch,
        Processor = processor,
        Latency = settings.Latency,
        TickInterval = settings.TickInterval,
        MaxConcurrentBatches = maxBatches,
    };

    private static CompareSettings Parse(BenchmarkArguments arguments)
    {
        var users = arguments.PositiveInt("users", 100_000);
        var workers = arguments.PositiveInts("workers", DefaultWorkers);
        if (workers.Any(w => w > StatusColumnSettings.MaxWorkers))
        {
            throw new ArgumentException($"--workers must stay at or below {StatusColumnSettings.MaxWorkers}: with " +
                "50 or more SKIP LOCKED claimers MariaDB 10.11 hangs on lock waits that no timeout ends.",
                nameof(arguments));
        }

        var settings = new CompareSettings
        {
            Users = users,
            TransactionsPerUser = arguments.PositiveInt("transactions-per-user", 5),
            Workers = workers,
            FirstChunk = arguments.PositiveInt("chunk", 500),
            ProductBatches = arguments.Text("product-batches") is null
                ? null
                : arguments.PositiveInt("product-batches", 1),
            Chunks = arguments.PositiveInts("chunks", DefaultChunks),
            SchedulerIds = arguments.PositiveInt("scheduler-ids", Math.Max(users, 200_000)),
            Latency = TimeSpan.FromMilliseconds(arguments.PositiveInt("latency-ms", 50)),
            LatencyChunk = arguments.PositiveInt("latency-chunk", 100),
            TickInterval = TimeSpan.FromMilliseconds(arguments.PositiveInt("tick-ms", 20)),
            LatencyBatches = arguments.PositiveInt("latency-batches", 200),
            PacedMax = TimeSpan.FromSeconds(arguments.PositiveInt("paced-max-s", 60)),
            Silos = arguments.PositiveInts("silos", DefaultSilos),
        };
        arguments.RejectUnknown();
        return settings;
    }

    private static string[] MakeIds(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = "rec:" + i.ToString("D8", CultureInfo.InvariantCulture);
        }

        return ids;
    }
}
