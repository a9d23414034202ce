namespace Scheduler.Ring;

/// <summary>The outcome of completing a batch.</summary>
/// <param name="Processed">Ids acknowledged as refreshed.</param>
/// <param name="Retrying">Failed ids that will be retried after their backoff.</param>
/// <param name="Parked">Failed ids parked because they reached the attempt limit.</param>
/// <param name="Stale">
/// True when the batch was no longer leased (already completed, or its lease ran out and its ids went to
/// another batch); nothing was changed then.
/// </param>
public sealed record CompletionResult(int Processed, int Retrying, int Parked, bool Stale);
