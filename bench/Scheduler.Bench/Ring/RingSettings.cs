namespace Scheduler.Bench.Ring;

/// <summary>What the ring benchmark varies: batch sizes, and the numbers of concurrent loops tried at each.</summary>
internal sealed record RingSettings(int[] BatchSizes, int[] LoopCounts);
