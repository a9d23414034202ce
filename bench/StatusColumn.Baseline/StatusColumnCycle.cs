namespace StatusColumn.Baseline;

/// <summary>What one cycle of the status-column refresher did, counted by the refresher itself.</summary>
/// <param name="Elapsed">From the first claim to the end of the reset.</param>
/// <param name="Refreshed">Users handed to the work delegate.</param>
/// <param name="Chunks">Chunks claimed (not counting the empty claims that ended the workers).</param>
/// <param name="StatusQueries">
/// Statements the status column costs the legacy database: BEGIN, SELECT, UPDATE and COMMIT per claim, one UPDATE
/// per chunk to mark it updated, and the reset. The refresh's own legacy reads are not among them.
/// </param>
/// <param name="StatusRowsWritten">Legacy rows the status column changed: three per user with the reset.</param>
/// <param name="Deadlocks">Statements rolled back for a deadlock or a lock wait timeout, then retried.</param>
public sealed record StatusColumnCycle(
    TimeSpan Elapsed,
    long Refreshed,
    long Chunks,
    long StatusQueries,
    long StatusRowsWritten,
    long Deadlocks);
