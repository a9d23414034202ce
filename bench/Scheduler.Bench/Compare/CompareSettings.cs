namespace Scheduler.Bench.Compare;

/// <summary>What the compare benchmark runs.</summary>
internal sealed record CompareSettings
{
    /// <summary>Legacy users seeded; every design refreshes all of them once.</summary>
    public required int Users { get; init; }

    /// <summary>Transactions seeded per user.</summary>
    public required int TransactionsPerUser { get; init; }

    /// <summary>The baseline worker counts tried, each below the MariaDB limit.</summary>
    public required int[] Workers { get; init; }

    /// <summary>The baseline chunk sizes tried at the best worker count.</summary>
    public required int[] Chunks { get; init; }

    /// <summary>The chunk size the worker counts are tried with.</summary>
    public required int FirstChunk { get; init; }

    /// <summary>The product's <c>MaxConcurrentBatches</c> for CRM; null: the baseline's best workers.</summary>
    public int? ProductBatches { get; init; }

    /// <summary>
    /// The scheduler's <c>TickInterval</c> in every run: a batch slot that frees up waits for the next tick, so a
    /// batch that takes less than a tick leaves its slot idle for the rest of it. Default 20 ms, so that the
    /// latency-bound run measures the ring rather than the tick; the silo's own default is 2 s.
    /// </summary>
    public required TimeSpan TickInterval { get; init; }

    /// <summary>Ids the scheduler-only runs (noop, latency-bound) enrol.</summary>
    public required int SchedulerIds { get; init; }

    /// <summary>The latency of one batch or chunk in the latency-bound comparison.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>
    /// The batch and chunk size of the latency-bound comparison: latency-bound jobs (calls to a remote API) take
    /// small batches, and at large ones both designs are bound by something else than latency.
    /// </summary>
    public required int LatencyChunk { get; init; }

    /// <summary>The product's <c>MaxConcurrentBatches</c> in the latency-bound comparison.</summary>
    public required int LatencyBatches { get; init; }

    /// <summary>The longest the paced cycle may take.</summary>
    public required TimeSpan PacedMax { get; init; }

    /// <summary>
    /// The silo counts of the latency-bound scaling table; one silo is always measured, as the base of the ratios.
    /// </summary>
    public required int[] Silos { get; init; }
}
