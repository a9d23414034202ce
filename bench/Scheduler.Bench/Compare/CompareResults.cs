using Scheduler.Bench.Cluster;
using StatusColumn.Baseline;

namespace Scheduler.Bench.Compare;

/// <summary>Everything a compare run measured, for the report.</summary>
internal sealed record CompareResults
{
    /// <summary>Every baseline setting tried.</summary>
    public required List<BaselineTuning> Tuning { get; init; }

    /// <summary>The fastest baseline setting, which the product is compared with.</summary>
    public required BaselineTuning Best { get; init; }

    /// <summary>The product's forced CRM cycles, 1 and 2 silos.</summary>
    public required List<DesignRun> Products { get; init; }

    /// <summary>The product's <c>MaxConcurrentBatches</c> in the CRM cycles.</summary>
    public required int ProductBatches { get; init; }

    /// <summary>The product's paced CRM cycle on 1 silo.</summary>
    public required DesignRun Paced { get; init; }

    /// <summary>The paced cycle's <c>MaxRecordsPerSecond</c>.</summary>
    public required int PacedRate { get; init; }

    /// <summary>The paced cycle's <c>TickInterval</c>: long enough for a full batch per tick at its rate.</summary>
    public required TimeSpan PacedTick { get; init; }

    /// <summary>The noop cycle, with its enrolment.</summary>
    public required ClusterMeasurement Noop { get; init; }

    /// <summary>The latency-bound cycle of the product.</summary>
    public required ClusterMeasurement Latency { get; init; }

    /// <summary>The product's latency-bound cycle per silo count, one silo (<see cref="Latency"/>) first.</summary>
    public required List<ClusterMeasurement> Scaling { get; init; }

    /// <summary>The latency-bound cycles of the baseline, one per worker count.</summary>
    public required List<(StatusColumnSettings Settings, StatusColumnCycle Cycle)> Sleeps { get; init; }

    /// <summary>The whole run, seeding included.</summary>
    public required TimeSpan Elapsed { get; init; }
}
