using System.Diagnostics;
using System.Globalization;
using Scheduler.Bench.Infrastructure;
using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Bench.Ring;

/// <summary>
/// Throughput of the ring engine: enrolment, then claim-and-acknowledge cycles over a full rotation at several
/// batch sizes, set against a minimal Lua ring (the floor for one script call per batch) and redis-benchmark.
/// </summary>
internal sealed class RingBenchmark : IBenchmark
{
    private const string Schedule = "bench";
    private const int ProfiledBatchSize = 1000;
    private const int ProfiledBatches = 100;

    private static readonly int[] DefaultBatchSizes = [100, 1000, 5000];
    private static readonly int[] DefaultLoopCounts = [1, 4];

    // Long enough that no lease runs out during a run, so nothing is handed out twice.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <inheritdoc />
    public string Name => "ring";

    /// <inheritdoc />
    public string Usage =>
        "[--ids N] [--server redis|garnet|both] [--redis HOST:PORT] [--batches 100,1000,5000] [--loops 1,4]";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var ids = arguments.PositiveInt("ids", 1_000_000);
        var server = arguments.Text("server", "redis")!;
        var external = arguments.Text("redis");
        var settings = new RingSettings(arguments.PositiveInts("batches", DefaultBatchSizes),
            arguments.PositiveInts("loops", DefaultLoopCounts));
        arguments.RejectUnknown();

        string[] kinds = external is not null ? ["external"] : server switch
        {
            "redis" => ["redis"],
            "garnet" => ["garnet"],
            "both" => ["redis", "garnet"],
            _ => throw new ArgumentException($"--server must be redis, garnet or both, not '{server}'.",
                nameof(arguments)),
        };

        var clock = Stopwatch.StartNew();
        var recordIds = MakeIds(ids);
        var reports = new List<ServerReport>();
        foreach (var kind in kinds)
        {
            await using var bench = kind switch
            {
                "redis" => await BenchServer.StartRedisAsync(),
                "garnet" => await BenchServer.StartGarnetAsync(),
                _ => await BenchServer.ConnectAsync(external!),
            };
            Console.WriteLine($"== {bench.Kind} on {bench.Host}:{bench.Port.ToString(CultureInfo.InvariantCulture)}");
            reports.Add(await RunOnAsync(bench, recordIds, settings));
        }

        clock.Stop();
        Print(reports, recordIds[0], settings, clock.Elapsed);
        return 0;
    }

    private static async Task<ServerReport> RunOnAsync(BenchServer bench, string[] ids, RingSettings settings)
    {
        var report = new ServerReport(bench.Kind, ids.Length);
        var database = bench.Connection.GetDatabase();

        // A unique prefix keeps a shared server's other keys apart; they are deleted at the end.
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var ring = new ScheduleRing(database, Schedule, prefix);
        var baselineKey = (RedisKey)$"{{{prefix}:{Schedule}}}:baseline";

        try
        {
            await EnrolAsync(bench, ring, ids, report);

            var before = await ServerStats.UsedMemoryAsync(bench.Admin);
            var baseline = await BaselineTarget.CreateAsync(database, bench.Admin, baselineKey, ids);
            var after = await ServerStats.UsedMemoryAsync(bench.Admin);
            report.BaselineBytesPerId = (after - before) / (double?)ids.Length;

            await RunLmoveAsync(bench, prefix, report);

            IClaimTarget[] targets = [new EngineTarget(ring, Lease), baseline];
            foreach (var batchSize in settings.BatchSizes)
            {
                foreach (var loops in settings.LoopCounts)
                {
                    foreach (var target in targets)
                    {
                        var run = await ThroughputRunner.MeasureAsync(target, batchSize, loops, ids.Length);
                        report.Runs.Add(run);
                        Console.WriteLine($"   {target.Name,-9} batch {batchSize,5}  x{loops}: " +
                            $"{Rate(run.IdsPerSecond),12} ids/s  " +
                            $"({run.Ids:N0} ids in {run.Elapsed.TotalSeconds:F1} s)");
                    }
                }
            }

            foreach (var target in targets)
            {
                // Claims held at once must stay well under the ring, or the claim would time its skipping of them.
                var batches = Math.Clamp(ids.Length / ProfiledBatchSize / 2, 1, ProfiledBatches);
                var split = await ServerTime.MeasureAsync(bench.Admin, target, ProfiledBatchSize, batches);
                if (split is not null)
                {
                    report.ServerUs[target.Name] = split.Value;
                }
            }

            await CheckRingAsync(ring, ids.Length);
        }
        finally
        {
            await DeleteKeysAsync(bench, prefix);
        }

        return report;
    }

    private static async Task EnrolAsync(BenchServer bench, ScheduleRing ring, string[] ids, ServerReport report)
    {
        var before = await ServerStats.UsedMemoryAsync(bench.Admin);
        var clock = Stopwatch.StartNew();
        var result = await ring.EnrolAsync(ids);
        clock.Stop();
        var after = await ServerStats.UsedMemoryAsync(bench.Admin);

        if (result.Added != ids.Length)
        {
            throw new InvalidOperationException($"Enrolled {result.Added} of {ids.Length} ids.");
        }

        report.EnrolPerSecond = ids.Length / clock.Elapsed.TotalSeconds;
        report.BytesPerId = (after - before) / (double?)ids.Length;
        Console.WriteLine($"   enrolled {ids.Length:N0} ids in {clock.Elapsed.TotalSeconds:F1} s: " +
            $"{Rate(report.EnrolPerSecond)} ids/s, {Bytes(report.BytesPerId)} per id");
    }

    private static async Task RunLmoveAsync(BenchServer bench, string prefix, ServerReport report)
    {
        // One list moved onto itself is the ring's core operation, and it never runs dry.
        var key = $"{{{prefix}:{Schedule}}}:lmove";
        var database = bench.Connection.GetDatabase();
        await database.ListRightPushAsync(key, Enumerable.Range(0, 1000).Select(i => (RedisValue)i).ToArray());

        var (rate, note) = await RedisBenchmarkTool.RunAsync(bench.Host, bench.Port, 200_000, 16,
            ["lmove", key, key, "left", "right"]);
        report.LmovePerSecond = rate;
        report.LmoveNote = note;
        Console.WriteLine($"   LMOVE: {(rate is null ? "n/a" : Rate(rate.Value) + " requests/s")} ({note})");
    }

    // Every id must still be in the ring once, with nothing left in flight: a fast but wrong run proves nothing.
    private static async Task CheckRingAsync(ScheduleRing ring, int ids)
    {
        var counts = await ring.GetCountsAsync();
        if (counts.Enrolled != ids || counts.RingEntries != ids || counts.InFlight != 0 || counts.LeasedBatches != 0)
        {
            throw new InvalidOperationException(
                $"The ring is not whole after the run: {counts.Enrolled} enrolled, {counts.RingEntries} in the " +
                $"ring, {counts.InFlight} in flight, {counts.LeasedBatches} batches leased.");
        }

        Console.WriteLine($"   ring whole after the run: {counts.RingEntries:N0} entries, cycle {counts.Cycle}, " +
            $"{counts.Processed:N0} processed");
    }

    private static async Task DeleteKeysAsync(BenchServer bench, string prefix)
    {
        var database = bench.Connection.GetDatabase();
        await foreach (var key in bench.Admin.KeysAsync(pattern: $"{{{prefix}:*", pageSize: 1000))
        {
            await database.KeyDeleteAsync(key);
        }
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

    private static void Print(List<ServerReport> reports, string sampleId, RingSettings settings, TimeSpan elapsed)
    {
        Console.WriteLine();
        foreach (var fact in MachineFacts.Describe())
        {
            Console.WriteLine(fact);
        }

        Console.WriteLine($"ids:     like \"{sampleId}\" ({sampleId.Length} bytes); lease {Lease.TotalMinutes} min; " +
            $"loops tried: {string.Join(", ", settings.LoopCounts)} (best shown)");
        Console.WriteLine($"run:     {elapsed.TotalSeconds:F0} s");
        Console.WriteLine("targets: engine = ScheduleRing (claim + complete scripts); " +
            "baseline = LPOP n + RPUSH in one Lua call, empty ack.");
        Console.WriteLine();

        var throughput = new TextTable("server", "ids", "batch", "engine ids/s", "baseline ids/s", "ratio");
        foreach (var report in reports)
        {
            foreach (var batchSize in settings.BatchSizes)
            {
                var engine = report.Best("engine", batchSize)!;
                var baseline = report.Best("baseline", batchSize)!;
                throughput.Add(report.Server, report.Ids.ToString("N0", CultureInfo.InvariantCulture),
                    batchSize.ToString("N0", CultureInfo.InvariantCulture),
                    $"{Rate(engine.IdsPerSecond)} (x{engine.Loops})",
                    $"{Rate(baseline.IdsPerSecond)} (x{baseline.Loops})",
                    Ratio(engine, baseline));
            }
        }

        Console.Write(throughput);
        Console.WriteLine();

        var server = new TextTable("server", "enrol ids/s", "memory/id", "bare list/id", "LMOVE req/s");
        foreach (var report in reports)
        {
            server.Add(report.Server, Rate(report.EnrolPerSecond), Bytes(report.BytesPerId),
                Bytes(report.BaselineBytesPerId), report.LmovePerSecond is { } lmove ? Rate(lmove) : "n/a");
        }

        Console.Write(server);
        Console.WriteLine();

        var micros = new TextTable("server", "engine claim", "engine ack", "baseline claim", "baseline ack");
        foreach (var report in reports)
        {
            micros.Add(report.Server, Micros(report, "engine", claim: true), Micros(report, "engine", claim: false),
                Micros(report, "baseline", claim: true), Micros(report, "baseline", claim: false));
        }

        Console.Write(micros);
        Console.WriteLine($"Microseconds inside EVALSHA per id (INFO commandstats), batch {ProfiledBatchSize}: the " +
            "server's share, without client or network.");
        foreach (var report in reports.Where(r => r.LmovePerSecond is null))
        {
            Console.WriteLine($"LMOVE on {report.Server}: {report.LmoveNote}");
        }

        foreach (var report in reports.Where(r => r.BytesPerId is null || r.ServerUs.Count == 0))
        {
            Console.WriteLine($"n/a on {report.Server}: it reports no INFO memory used_memory or no INFO " +
                "commandstats / CONFIG RESETSTAT (Garnet has neither; embedded, its memory is this process's).");
        }
    }

    private static string Micros(ServerReport report, string target, bool claim) =>
        report.ServerUs.TryGetValue(target, out var us)
            ? (claim ? us.Claim : us.Ack).ToString("F2", CultureInfo.InvariantCulture)
            : "n/a";

    private static string Ratio(Measurement measured, Measurement baseline) =>
        (measured.IdsPerSecond / baseline.IdsPerSecond).ToString("F2", CultureInfo.InvariantCulture);

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(double? bytes) =>
        bytes is { } b ? b.ToString("F1", CultureInfo.InvariantCulture) + " B" : "n/a";
}
