using Scheduler.Bench;
using Scheduler.Bench.Cluster;
using Scheduler.Bench.Compare;
using Scheduler.Bench.Crm;
using Scheduler.Bench.Ring;

// Each benchmark is one class; this only picks it by name, so adding one is adding it here.
IBenchmark[] benchmarks =
    [new RingBenchmark(), new ClusterBenchmark(), new CompareBenchmark(), new CrmBenchmark()];

var chosen = args.Length == 0
    ? null
    : benchmarks.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase));

if (chosen is null)
{
    Console.Error.WriteLine("usage: scheduler-bench BENCHMARK [options]");
    foreach (var benchmark in benchmarks)
    {
        Console.Error.WriteLine($"  {benchmark.Name} {benchmark.Usage}");
    }

    return 2;
}

try
{
    return await chosen.RunAsync(BenchmarkArguments.Parse(args.AsSpan(1)));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{chosen.Name}: {e.Message}");
    Console.Error.WriteLine($"usage: scheduler-bench {chosen.Name} {chosen.Usage}");
    return 2;
}
