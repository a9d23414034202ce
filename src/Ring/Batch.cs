namespace Scheduler.Ring;

/// <summary>Ids leased together to one worker call.</summary>
/// <param name="Id">The batch id, used to acknowledge it.</param>
/// <param name="Deadline">When the lease runs out and the ids are handed out again.</param>
/// <param name="Ids">The record ids of the batch.</param>
public sealed record Batch(long Id, DateTimeOffset Deadline, IReadOnlyList<string> Ids);
