namespace Scheduler.Ring;

/// <summary>A record set aside after failing too often in a row.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Error">The last error it failed with.</param>
public sealed record ParkedRecord(string Id, string Error);
