namespace Scheduler.Bench.Cluster;

/// <summary>What the cluster benchmark runs: the ring's size, the cluster sizes and the schedule's settings.</summary>
internal sealed record ClusterSettings
{
    /// <summary>Ids enrolled in the ring of each run.</summary>
    public required int Ids { get; init; }

    /// <summary>The silo counts tried, one cluster each.</summary>
    public required int[] SiloCounts { get; init; }

    /// <summary>The schedule's <c>BatchSize</c>.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The schedule's <c>Processor</c>: <c>noop</c> or <c>simulated</c>.</summary>
    public required string Processor { get; init; }

    /// <summary>The simulated processor's <c>Simulated:Latency</c> per batch; unused by <c>noop</c>.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>The schedule's <c>TickInterval</c>.</summary>
    public required TimeSpan TickInterval { get; init; }

    /// <summary>The schedule's <c>MaxConcurrentBatches</c>, over the whole cluster.</summary>
    public required int MaxConcurrentBatches { get; init; }
}
