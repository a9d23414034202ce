namespace Scheduler.Bench.Crm;

/// <summary>The options of one <c>crm</c> benchmark run.</summary>
internal sealed record CrmSettings
{
    /// <summary>Legacy users seeded, enrolled and refreshed by every cycle.</summary>
    public required int Users { get; init; }

    /// <summary>Legacy transactions seeded per user.</summary>
    public required int TransactionsPerUser { get; init; }

    /// <summary>Users per batch: the processor's batch and the schedule's <c>BatchSize</c>.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Batches in flight: the pure run's parallelism, the schedule's <c>MaxConcurrentBatches</c>.</summary>
    public required int Concurrency { get; init; }

    /// <summary>Silos in the scheduler's cluster.</summary>
    public required int Silos { get; init; }

    /// <summary>The schedule's <c>TickInterval</c>.</summary>
    public required TimeSpan TickInterval { get; init; }

    /// <summary>Rounds of a full and a 1% cycle for the pure work and the scheduler, taken in turn.</summary>
    public required int Rounds { get; init; }

    /// <summary>Rows one full cycle copies per user: the user and its transactions.</summary>
    public int RowsPerUser => TransactionsPerUser + 1;
}
