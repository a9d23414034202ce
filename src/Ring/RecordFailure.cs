namespace Scheduler.Ring;

/// <summary>A record a processor could not refresh, and why.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Error">The error, kept with the id if it is parked.</param>
public sealed record RecordFailure(string Id, string Error);
