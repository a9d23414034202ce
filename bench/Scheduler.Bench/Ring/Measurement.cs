namespace Scheduler.Bench.Ring;

/// <summary>One timed run: how many ids went round in how long.</summary>
internal sealed record Measurement(string Target, int BatchSize, int Loops, long Ids, TimeSpan Elapsed)
{
    /// <summary>Ids claimed and acknowledged per second.</summary>
    public double IdsPerSecond => Ids / Elapsed.TotalSeconds;
}
