namespace Scheduler.Bench.Cluster;

/// <summary>The ids one silo acknowledged in a run.</summary>
internal sealed record SiloShare(string Address, long Processed);
