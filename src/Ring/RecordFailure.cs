namespace Scheduler.Ring;

/// <summary>A record a processor could not refresh, and why.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Error">The error, kept with the id if it is parked.</param>
/// <param name="Permanent">
/// True when retrying cannot help (the record does not exist, its id can never be valid): the id is parked at once
/// instead of after <see cref="RetryPolicy.MaxAttempts"/> attempts with backoff.
/// </param>
public sealed record RecordFailure(string Id, string Error, bool Permanent = false);
