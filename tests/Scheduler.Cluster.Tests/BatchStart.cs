namespace Scheduler.Cluster.Tests;

/// <summary>One batch a <see cref="RecordingProcessor"/> started: when, how many ids and on which silo.</summary>
/// <param name="At">Time since the <see cref="ProcessingLog"/> was created, on a monotonic clock.</param>
/// <param name="Count">The ids in the batch.</param>
/// <param name="Silo">The parsable address of the silo that ran it.</param>
public readonly record struct BatchStart(TimeSpan At, int Count, string Silo);
