using BenchmarkDotNet.Running;

// BenchmarkSwitcher reads --filter (e.g. --filter '*Claim*') and the other BenchmarkDotNet options.
BenchmarkSwitcher.FromAssembly(typeof(Scheduler.Micro.Bench.ClaimBenchmarks).Assembly).Run(args);
