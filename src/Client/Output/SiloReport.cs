namespace Scheduler.Client.Output;

/// <summary>
/// One silo in <c>status --json</c> (<c>silos[]</c>) and <c>cycle --wait --json</c> (<c>perSilo[]</c>).
/// </summary>
/// <param name="Address">The silo's address.</param>
/// <param name="Processed">
/// Ids it refreshed: over the schedule's life in status, during the cycle in a cycle summary.
/// </param>
/// <param name="Active">Whether the silo is active in the cluster now.</param>
public sealed record SiloReport(string Address, long Processed, bool Active);
