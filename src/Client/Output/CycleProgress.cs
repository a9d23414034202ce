namespace Scheduler.Client.Output;

/// <summary>The <c>cycle</c> object of <c>status --json</c>.</summary>
/// <param name="Number">The current cycle number.</param>
/// <param name="Processed">Ids claimed from the ring in this cycle.</param>
/// <param name="Target">Where pacing wants the cycle to be by now.</param>
/// <param name="Forced">Whether the cycle runs as fast as the limits allow.</param>
/// <param name="StartedAt">When the cycle started, if it has.</param>
public sealed record CycleProgress(long Number, long Processed, long Target, bool Forced, DateTimeOffset? StartedAt);
