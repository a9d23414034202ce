namespace Scheduler.Client.Output;

/// <summary>One step of a long verb: how far it is, out of how much when known, and what it is doing.</summary>
internal readonly record struct ProgressUpdate(double Value, double? Total, string Description);
