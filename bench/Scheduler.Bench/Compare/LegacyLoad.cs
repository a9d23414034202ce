namespace Scheduler.Bench.Compare;

/// <summary>What a run cost the legacy database, as the server counted it for the legacy account.</summary>
/// <param name="Queries">Statements of every kind (SELECT, UPDATE, BEGIN, COMMIT and the like).</param>
/// <param name="RowsWritten">Rows inserted, updated or deleted.</param>
/// <param name="PeakQueriesPerSecond">The most statements in any one-second window of the run.</param>
internal sealed record LegacyLoad(long Queries, long RowsWritten, double PeakQueriesPerSecond);
