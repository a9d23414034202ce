using System.Globalization;
using Scheduler.Bench.Cluster;
using Scheduler.Bench.Infrastructure;

namespace Scheduler.Bench.Compare;

/// <summary>Prints the compare benchmark's progress lines and, at the end, its tables.</summary>
internal sealed class CompareReport(TextWriter output, CompareSettings settings)
{
    private const double Mebibyte = 1024 * 1024;

    /// <summary>Prints one line as it happens.</summary>
    public void Line(string text) => output.WriteLine(text);

    /// <summary>Prints the seeding time.</summary>
    public void Seeded(TimeSpan elapsed) => Line($"== seeded {settings.Users:N0} users x " +
        $"{settings.TransactionsPerUser} transactions in {elapsed.TotalSeconds:F1} s");

    /// <summary>Prints one design's cycle as it ends.</summary>
    public void Progress(DesignRun run) => Line($"   {run.Name}: {run.Elapsed.TotalSeconds:F1} s, " +
        $"{Rate(run.UsersPerSecond)} users/s, {Count(run.Legacy.Queries)} legacy queries, " +
        $"{Count(run.Legacy.RowsWritten)} legacy rows written");

    /// <summary>Prints every table.</summary>
    public void Print(CompareResults results)
    {
        Line("");
        foreach (var fact in MachineFacts.Describe())
        {
            Line(fact);
        }

        Line($"data:    {settings.Users:N0} legacy users x {settings.TransactionsPerUser} transactions on MariaDB " +
            "(2 GB buffer pool), Redis (redis-server, no persistence); silos, client and baseline " +
            "workers share this one process");
        Line($"run:     {results.Elapsed.TotalSeconds:F0} s");
        Line("");
        PrintCrm(results);
        PrintDifferences(results);
        PrintScaling(results);
        PrintTuning(results);
    }

    private void PrintCrm(CompareResults results)
    {
        var baseline = results.Best.Run;
        var one = results.Products[0];
        var two = results.Products[1];
        Line($"CRM sync, one full cycle into an empty target: the scheduler with BatchSize " +
            $"{results.Best.Settings.ChunkSize} (the baseline's best chunk) and MaxConcurrentBatches " +
            $"{results.ProductBatches}, TickInterval {settings.TickInterval.TotalMilliseconds} ms, against " +
            $"{baseline.Name}");
        var table = new TextTable("", "scheduler 1 silo", "scheduler 2 silos", "status column", "1 silo/base",
            "2 silos/base");
        Add(table, "full cycle s", r => r.Elapsed.TotalSeconds, "F1");
        Add(table, "users/s", r => r.UsersPerSecond, "N0");
        Add(table, "rows/s", r => r.RowsPerSecond, "N0");
        Add(table, "legacy queries", r => r.Legacy.Queries, "N0");
        Add(table, "legacy rows written", r => r.Legacy.RowsWritten, "N0");
        Add(table, "peak legacy queries/s", r => r.Legacy.PeakQueriesPerSecond, "N0");
        Add(table, "peak managed heap MiB", r => r.PeakHeap / Mebibyte, "F0");
        Add(table, "peak working set MiB", r => r.PeakWorkingSet / Mebibyte, "F0");
        table.Add("peak users in flight", Count(one.PeakInFlight ?? 0), Count(two.PeakInFlight ?? 0), "n/a", "n/a",
            "n/a");
        table.Add("Redis bytes/enrolled id", Bytes(one), Bytes(two), "n/a", "n/a", "n/a");
        output.Write(table);
        Line("legacy: MariaDB's USER_STATISTICS for the account both designs read the legacy database with " +
            "(statements of every kind; rows inserted, updated or deleted). memory: this process, sampled every " +
            "50 ms. Redis: INFO used_memory after enrolment less before, over the users enrolled.");
        Line("");

        void Add(TextTable t, string name, Func<DesignRun, double> value, string format)
        {
            var b = value(baseline);
            t.Add(name, value(one).ToString(format, CultureInfo.InvariantCulture),
                value(two).ToString(format, CultureInfo.InvariantCulture),
                b.ToString(format, CultureInfo.InvariantCulture), Ratio(value(one), b), Ratio(value(two), b));
        }
    }

    private void PrintDifferences(CompareResults results)
    {
        var best = results.Best;
        var sleep = results.Sleeps.MaxBy(s => s.Cycle.Refreshed / s.Cycle.Elapsed.TotalSeconds);
        var sleepRate = sleep.Cycle.Refreshed / sleep.Cycle.Elapsed.TotalSeconds;
        var one = results.Products[0];

        Line("Where the designs differ");
        var table = new TextTable("", "scheduler", "status column", "scheduler/base", "target");
        table.Add($"peak legacy q/s (paced at {results.PacedRate:N0} users/s vs burst)",
            Rate(results.Paced.Legacy.PeakQueriesPerSecond), Rate(best.Run.Legacy.PeakQueriesPerSecond),
            Ratio(results.Paced.Legacy.PeakQueriesPerSecond, best.Run.Legacy.PeakQueriesPerSecond), "lower");
        table.Add("legacy rows written per cycle", Count(one.Legacy.RowsWritten), Count(best.Run.Legacy.RowsWritten),
            Ratio(one.Legacy.RowsWritten, best.Run.Legacy.RowsWritten), "0 vs 3/user");
        table.Add("legacy queries per user", PerUser(one.Legacy.Queries, one.Users),
            PerUser(best.Run.Legacy.Queries, best.Run.Users), Ratio(one.Legacy.Queries, best.Run.Legacy.Queries),
            "lower");
        table.Add($"latency-bound ids/s ({settings.Latency.TotalMilliseconds} ms per batch)",
            Rate(results.Latency.IdsPerSecond), Rate(sleepRate), Ratio(results.Latency.IdsPerSecond, sleepRate),
            ">= 10x");
        table.Add("noop ids/s", Rate(results.Noop.IdsPerSecond), "n/a", "n/a", ">= 500,000");
        table.Add("enrolment ids/s", Rate(results.Noop.EnrolPerSecond), "n/a", "n/a", ">= 500,000");
        table.Add("Redis bytes/enrolled id", Bytes(one), "n/a", "n/a", "<= 100");
        output.Write(table);
        Line($"latency-bound: the scheduler with the simulated processor, {results.Latency.Ids:N0} ids, BatchSize " +
            $"{settings.LatencyChunk}, {settings.LatencyBatches} batches in flight, 1 silo; the status column " +
            $"with {sleep.Settings.Workers} workers (its best of {string.Join(", ", settings.Workers)}; 50 or more " +
            "SKIP LOCKED claimers hang MariaDB 10.11) sleeping as long per chunk of the same size over " +
            $"{settings.Users:N0} users, claims, marks and reset included. noop and enrolment: " +
            $"{results.Noop.Ids:N0} ids, 1 silo.");
        Line($"paced: 1 silo, MaxRecordsPerSecond {results.PacedRate:N0} (a quarter of the baseline's best rate, or " +
            $"the users over {settings.PacedMax.TotalSeconds:F0} s), TickInterval " +
            $"{results.PacedTick.TotalMilliseconds:F0} ms; {Count(results.Paced.Legacy.Queries)} legacy queries " +
            $"over {results.Paced.Elapsed.TotalSeconds:F1} s. The baseline has no pacing: its burst is its cycle.");
        Line($"cost of the latency-bound cycle: {Cost(results.Latency)}; of the noop cycle: {Cost(results.Noop)}.");
        Line("");
    }

    private void PrintScaling(CompareResults results)
    {
        var latency = settings.Latency.TotalMilliseconds;
        Line($"Latency-bound scaling: the simulated processor at {latency} ms per batch");
        var one = results.Scaling[0].IdsPerSecond;
        var table = new TextTable("silos", "ids", "cycle s", "ids/s", "x 1 silo", "peak in flight", "process cores",
            "machine busy", "ring");
        foreach (var run in results.Scaling)
        {
            table.Add(Count(run.Silos), Count(run.Ids), Seconds(run.Elapsed.TotalSeconds), Rate(run.IdsPerSecond),
                Ratio(run.IdsPerSecond, one), Count(run.PeakInFlight),
                (run.BenchCpuSeconds / run.Elapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture),
                run.MachineBusy is { } busy ? busy.ToString("P0", CultureInfo.InvariantCulture) : "n/a",
                run.RingOk ? "ok" : "NOT OK: " + run.RingNote);
        }

        output.Write(table);

        // The batch slots are cluster-wide, so their ceiling is the same on every silo count; printing it tells a
        // flat ratio caused by the ceiling from one caused by the silos.
        var ceiling = settings.LatencyBatches * settings.LatencyChunk / settings.Latency.TotalSeconds;
        Line($"the cluster benchmark's runner, each silo count on a new in-process cluster (the 1-silo row is the " +
            $"latency-bound run above): BatchSize {settings.LatencyChunk}, MaxConcurrentBatches " +
            $"{settings.LatencyBatches} over the whole cluster, TickInterval " +
            $"{settings.TickInterval.TotalMilliseconds} ms; the slots' ceiling is {Rate(ceiling)} ids/s on any " +
            $"silo count. machine busy: all {Environment.ProcessorCount} cores, shared by the silos and Redis. " +
            "target: 3 silos >= 2.5x one silo.");
        Line("");
    }

    private void PrintTuning(CompareResults results)
    {
        Line("Status-column baseline tuning (the CRM cycle per setting; the best is compared above)");
        var table = new TextTable("workers x chunk", "cycle s", "users/s", "legacy queries", "status queries",
            "legacy rows written", "status rows written", "peak legacy q/s", "deadlocks");
        foreach (var tuning in results.Tuning)
        {
            var run = tuning.Run;
            table.Add($"{tuning.Settings.Workers} x {tuning.Settings.ChunkSize}", Seconds(run.Elapsed.TotalSeconds),
                Rate(run.UsersPerSecond), Count(run.Legacy.Queries), Count(tuning.Cycle.StatusQueries),
                Count(run.Legacy.RowsWritten), Count(tuning.Cycle.StatusRowsWritten),
                Rate(run.Legacy.PeakQueriesPerSecond), Count(tuning.Cycle.Deadlocks));
        }

        output.Write(table);
        Line("status queries/rows: what the status column itself costs (claim BEGIN, SELECT, UPDATE, COMMIT; mark " +
            "updated; reset), counted by the baseline; the rest of the legacy queries are the refresh's own reads. " +
            "deadlocks: claims or marks the server rolled back and the baseline retried.");
        Line("");

        var sleeps = new TextTable("workers x chunk", "cycle s", "ids/s", "status queries", "deadlocks");
        foreach (var (sleepSettings, cycle) in results.Sleeps)
        {
            sleeps.Add($"{sleepSettings.Workers} x {sleepSettings.ChunkSize}", Seconds(cycle.Elapsed.TotalSeconds),
                Rate(cycle.Refreshed / cycle.Elapsed.TotalSeconds), Count(cycle.StatusQueries),
                Count(cycle.Deadlocks));
        }

        Line($"Status-column baseline sleeping {settings.Latency.TotalMilliseconds} ms per chunk");
        output.Write(sleeps);
    }

    /// <summary>Where a scheduler-only cycle's time went: the CPU of this process, Redis and the machine.</summary>
    public static string Cost(ClusterMeasurement run)
    {
        var wall = run.Elapsed.TotalSeconds;
        var redis = run.RedisCpuSeconds is { } r ? (r / wall).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
        var busy = run.MachineBusy is { } b ? b.ToString("P0", CultureInfo.InvariantCulture) : "n/a";
        return $"process {(run.BenchCpuSeconds / wall).ToString("F2", CultureInfo.InvariantCulture)} cores, " +
            $"redis {redis} cores, machine {busy} busy of {Environment.ProcessorCount} cores";
    }

    private static string Bytes(DesignRun run) =>
        run.RedisBytesPerId is { } bytes ? bytes.ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string PerUser(long count, long users) =>
        (users > 0 ? (double)count / users : 0).ToString("F3", CultureInfo.InvariantCulture);

    private static string Ratio(double product, double baseline) => baseline == 0
        ? "n/a"
        : (product / baseline).ToString("F2", CultureInfo.InvariantCulture) + "x";

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);
}
