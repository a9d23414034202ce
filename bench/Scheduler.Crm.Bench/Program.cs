using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Scheduler.Crm;
using Scheduler.Crm.Bench;
using Scheduler.Testing;

var settings = BenchSettings.Parse(args);
// Sized like CompareDatabases' server, so that both benchmarks measure a server holding its data in memory.
var fixture = new MariaDbFixture { ServerOptions = ["--innodb-buffer-pool-size=2G"] };
await fixture.InitializeAsync();

try
{
    var legacy = await fixture.CreateDatabaseAsync("bench_legacy");
    var target = await fixture.CreateDatabaseAsync("bench_target");
    var rows = (long)settings.Users * settings.TransactionsPerUser;

    var clock = Stopwatch.StartNew();
    var cpu = CpuClock.Read();
    await LegacySeeder.SeedAsync(legacy, settings.Users, settings.TransactionsPerUser);
    Report("seed", new Measurement(clock.Elapsed, CpuClock.Read() - cpu), settings.Users, rows);

    if (settings.SeedOnly)
    {
        return;
    }

    using var processor = new CrmSyncProcessor(Options.Create(new CrmSyncOptions
    {
        LegacyConnectionString = legacy,
        TargetConnectionString = target,
    }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

    var full = await CycleAsync(processor, settings);
    Report("full cycle", full, settings.Users, rows);

    // 1% of the transactions change, one in twenty users, stamped by the legacy clock as a legacy writer would.
    var changed = await ChangeOnePercentAsync(legacy);
    var delta = await CycleAsync(processor, settings);
    Report("1% cycle", delta, settings.Users, changed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"the 1% cycle is {full.Wall / delta.Wall:F1}x faster than the full one in wall time, "
        + $"{full.Cpu / delta.Cpu:F1}x in CPU time"));
}
finally
{
    await fixture.DisposeAsync();
}

static async Task<Measurement> CycleAsync(CrmSyncProcessor processor, BenchSettings settings)
{
    var batches = Enumerable.Range(1, settings.Users)
        .Select(i => i.ToString(CultureInfo.InvariantCulture))
        .Chunk(settings.BatchSize);
    var clock = Stopwatch.StartNew();
    var cpu = CpuClock.Read();

    await Parallel.ForEachAsync(
        batches,
        new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency },
        async (batch, token) =>
        {
            var failures = await processor.ProcessAsync("bench", batch, token);
            if (failures.Count > 0)
            {
                throw new InvalidOperationException($"{failures.Count} records failed: {failures[0].Error}");
            }
        });

    return new Measurement(clock.Elapsed, CpuClock.Read() - cpu);
}

static async Task<long> ChangeOnePercentAsync(string legacy)
{
    await using var connection = new MySqlConnection(legacy);
    await connection.OpenAsync();

    await using var command = new MySqlCommand(
        "UPDATE transactions SET amount = amount + 1, updated_at = NOW(6) WHERE id % 100 = 0", connection)
    {
        CommandTimeout = 0,
    };
    return await command.ExecuteNonQueryAsync();
}

static void Report(string what, Measurement measured, long users, long rows) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-11} {measured.Wall.TotalSeconds,7:F1} s wall {measured.Cpu.TotalSeconds,7:F1} s CPU  "
        + $"{users / measured.Wall.TotalSeconds,8:F0} users/s {rows / measured.Wall.TotalSeconds,8:F0} rows/s"));
