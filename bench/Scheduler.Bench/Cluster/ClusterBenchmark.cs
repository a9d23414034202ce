using System.Diagnostics;
using System.Globalization;
using Scheduler.Bench.Infrastructure;

namespace Scheduler.Bench.Cluster;

/// <summary>
/// End-to-end throughput of the scheduler on an in-process Orleans cluster against Redis: one forced cycle over
/// the whole ring, through the coordinator's claims, the dispatch to one worker per silo and the
/// acknowledgements, at each silo count; with the Redis, process and machine CPU that it cost.
/// </summary>
internal sealed class ClusterBenchmark : IBenchmark
{
    // Above these shares of the wall time a resource is taken to be the limit.
    private const double SaturatedMachine = 0.9;
    private const double SaturatedRedis = 0.8;

    // Cores used by other processes above which a busy machine is called shared.
    private const double SharedMachineCores = 0.25;

    private static readonly int[] DefaultNoopSilos = [1, 2];
    private static readonly int[] DefaultSimulatedSilos = [1, 2, 3];

    /// <inheritdoc />
    public string Name => "cluster";

    /// <inheritdoc />
    public string Usage =>
        "[--ids N] [--silos 1,2] [--batch 500] [--processor noop|simulated] [--latency-ms 50] [--tick-ms 100] " +
        "[--max-batches 200] [--redis HOST:PORT]";

    /// <inheritdoc />
    public async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var settings = Parse(arguments, out var external);

        var clock = Stopwatch.StartNew();
        var ids = MakeIds(settings.Ids);
        await using var bench = external is null
            ? await BenchServer.StartRedisAsync()
            : await BenchServer.ConnectAsync(external);
        Console.WriteLine($"== {bench.Kind} on {bench.Host}:{bench.Port.ToString(CultureInfo.InvariantCulture)}");

        var runs = new List<ClusterMeasurement>();
        foreach (var silos in settings.SiloCounts)
        {
            var run = await ClusterRunner.MeasureAsync(bench, settings, silos, ids);
            runs.Add(run);
            Console.WriteLine($"   {silos} silo(s): {Rate(run.IdsPerSecond),10} ids/s  ({run.Processed:N0} ids in " +
                $"{run.Elapsed.TotalSeconds:F1} s; enrolled at {Rate(run.EnrolPerSecond)} ids/s; " +
                $"{(run.RingOk ? "ring ok" : "RING NOT OK: " + run.RingNote)})");
        }

        clock.Stop();
        Print(runs, settings, ids[0], clock.Elapsed);
        return runs.All(r => r.RingOk) ? 0 : 1;
    }

    private static ClusterSettings Parse(BenchmarkArguments arguments, out string? external)
    {
        var ids = arguments.PositiveInt("ids", 1_000_000);
        var processor = arguments.Text("processor", "noop")!;
        if (processor is not ("noop" or "simulated"))
        {
            throw new ArgumentException($"--processor must be noop or simulated, not '{processor}'.",
                nameof(arguments));
        }

        var silos = arguments.PositiveInts("silos", processor == "noop" ? DefaultNoopSilos : DefaultSimulatedSilos);
        var settings = new ClusterSettings
        {
            Ids = ids,
            SiloCounts = silos,
            BatchSize = arguments.PositiveInt("batch", 500),
            Processor = processor,
            Latency = TimeSpan.FromMilliseconds(arguments.PositiveInt("latency-ms", 50)),
            TickInterval = TimeSpan.FromMilliseconds(arguments.PositiveInt("tick-ms", 100)),
            MaxConcurrentBatches = arguments.PositiveInt("max-batches", 200),
        };
        external = arguments.Text("redis");
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

    private static void Print(List<ClusterMeasurement> runs, ClusterSettings settings, string sampleId,
        TimeSpan elapsed)
    {
        Console.WriteLine();
        foreach (var fact in MachineFacts.Describe())
        {
            Console.WriteLine(fact);
        }

        var latency = settings.Processor == "simulated"
            ? $" (Simulated:Latency {settings.Latency.TotalMilliseconds} ms per batch)"
            : "";
        Console.WriteLine($"ids:     {settings.Ids:N0} like \"{sampleId}\"; processor {settings.Processor}{latency}");
        Console.WriteLine($"setup:   BatchSize {settings.BatchSize}, TickInterval " +
            $"{settings.TickInterval.TotalMilliseconds} ms, MaxConcurrentBatches {settings.MaxConcurrentBatches}; " +
            "silos, client and benchmark share this one process");
        Console.WriteLine($"run:     {elapsed.TotalSeconds:F0} s");
        Console.WriteLine();

        PrintThroughput(runs);
        PrintCost(runs);
        PrintSplit(runs);
    }

    private static void PrintThroughput(List<ClusterMeasurement> runs)
    {
        var table = new TextTable("silos", "ids", "cycle s", "ids/s", "claim window s", "peak in flight",
            "GCs 0/1/2", "ring");
        foreach (var run in runs)
        {
            table.Add(Count(run.Silos), Count(run.Ids), Seconds(run.Elapsed.TotalSeconds), Rate(run.IdsPerSecond),
                run.ClaimWindow is { } window ? Seconds(window.TotalSeconds) : "n/a", Count(run.PeakInFlight),
                $"{run.Collections.Gen0}/{run.Collections.Gen1}/{run.Collections.Gen2}",
                run.RingOk ? "ok" : "NOT OK");
        }

        Console.Write(table);
        Console.WriteLine("cycle s: ForceCycleAsync until a status poll (every 100 ms) shows the next cycle and " +
            "nothing in flight. claim window: the ring's cycle start to the claim of its marker.");
        foreach (var run in runs.Where(r => !r.RingOk))
        {
            Console.WriteLine($"ring after {run.Silos} silo(s): {run.RingNote}");
        }

        Console.WriteLine();
    }

    private static void PrintCost(List<ClusterMeasurement> runs)
    {
        var cores = Environment.ProcessorCount;
        var table = new TextTable("silos", "redis cpu s", "redis/wall", "evalsha calls", "us/call", "evalsha us/id",
            "evalsha/wall", "process cpu s", "process cores", "machine busy", "other cpu s", "limit");
        foreach (var run in runs)
        {
            var wall = run.Elapsed.TotalSeconds;
            var evalshaShare = run.Evalsha is { } e ? e.Usec / 1e6 / wall : (double?)null;
            table.Add(Count(run.Silos),
                run.RedisCpuSeconds is { } redis ? Seconds(redis) : "n/a",
                run.RedisCpuSeconds is { } r ? Percent(r / wall) : "n/a",
                run.Evalsha is { } calls ? Count(calls.Calls) : "n/a",
                run.Evalsha is { Calls: > 0 } perCall ? Micros((double)perCall.Usec / perCall.Calls) : "n/a",
                run.Evalsha is { } perId && run.Processed > 0 ? Micros((double)perId.Usec / run.Processed) : "n/a",
                evalshaShare is { } share ? Percent(share) : "n/a",
                Seconds(run.BenchCpuSeconds),
                (run.BenchCpuSeconds / wall).ToString("F2", CultureInfo.InvariantCulture) + " of " +
                    cores.ToString(CultureInfo.InvariantCulture),
                run.MachineBusy is { } busy ? Percent(busy) : "n/a",
                Others(run, cores) is { } others ? Seconds(others) : "n/a",
                Limit(run, cores, evalshaShare));
        }

        Console.Write(table);
        Console.WriteLine("redis cpu: INFO cpu used_cpu_sys + used_cpu_user over the cycle; redis/wall 100% is one " +
            "core. evalsha: INFO commandstats since CONFIG RESETSTAT at the cycle's start (claims, completions, " +
            "status reads), the time Redis's single main thread spent inside scripts.");
        Console.WriteLine("process: Process.TotalProcessorTime of this process (client, every silo, the " +
            $"benchmark). machine busy: /proc/stat, all {cores} cores; other cpu: the machine's busy time less " +
            "Redis's and this process's, i.e. other processes and the kernel. limit: machine when it is over " +
            $"{Percent(SaturatedMachine)} busy, redis when scripts fill over {Percent(SaturatedRedis)} of the " +
            "wall time, else neither (pacing, latency or round trips); others: cores taken by other processes.");
        Console.WriteLine();
    }

    private static void PrintSplit(List<ClusterMeasurement> runs)
    {
        var table = new TextTable("silos", "silo", "processed", "share");
        foreach (var run in runs)
        {
            foreach (var silo in run.PerSilo)
            {
                table.Add(Count(run.Silos), silo.Address, Count(silo.Processed),
                    run.Processed > 0 ? Percent((double)silo.Processed / run.Processed) : "n/a");
            }
        }

        Console.Write(table);
        Console.WriteLine("Per silo: the ids each silo's worker acknowledged (the ring's per-worker counts).");
    }

    // Other processes on a shared machine take cores from both Redis and the silos, so it is printed, not hidden.
    private static double? Others(ClusterMeasurement run, int cores)
    {
        if (run.MachineBusy is not { } busy || run.RedisCpuSeconds is not { } redis)
        {
            return null;
        }

        return Math.Max(0, (busy * cores * run.Elapsed.TotalSeconds) - redis - run.BenchCpuSeconds);
    }

    private static string Limit(ClusterMeasurement run, int cores, double? evalshaShare)
    {
        var limits = new List<string>();
        if (run.MachineBusy >= SaturatedMachine)
        {
            // A machine filled by other processes says nothing of the scheduler, so say who filled it.
            var others = Others(run, cores) / run.Elapsed.TotalSeconds;
            limits.Add(others >= SharedMachineCores
                ? "machine (others " + others.Value.ToString("F1", CultureInfo.InvariantCulture) + " cores)"
                : "machine");
        }

        if (evalshaShare >= SaturatedRedis)
        {
            limits.Add("redis");
        }

        return limits.Count == 0 ? "neither" : string.Join("+", limits);
    }

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string Micros(double micros) => micros.ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);
}
