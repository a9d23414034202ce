using System.Diagnostics;

namespace Scheduler.Bench.Ring;

/// <summary>Runs claim-and-acknowledge cycles from concurrent loops until a given number of ids went round.</summary>
internal static class ThroughputRunner
{
    // Cycles run before timing, so that JIT, connection buffers and script caches are warm.
    private const int WarmUpCycles = 20;

    /// <summary>
    /// Runs <paramref name="loops"/> loops, each claiming one batch of <paramref name="batchSize"/> and then
    /// acknowledging it, until <paramref name="ids"/> ids were claimed in all; returns ids per second.
    /// </summary>
    public static async Task<Measurement> MeasureAsync(IClaimTarget target, int batchSize, int loops, long ids)
    {
        for (var i = 0; i < WarmUpCycles; i++)
        {
            await CycleAsync(target, batchSize);
        }

        long claimed = 0;
        long emptyClaims = 0;
        var clock = Stopwatch.StartNew();

        async Task LoopAsync()
        {
            while (Interlocked.Read(ref claimed) < ids)
            {
                var count = await CycleAsync(target, batchSize);
                Interlocked.Add(ref claimed, count);

                // A claim that finds nothing (every id in flight) must not spin forever.
                if (count == 0 && Interlocked.Increment(ref emptyClaims) > 1000)
                {
                    throw new InvalidOperationException($"{target.Name} kept returning no ids.");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(LoopAsync)));
        clock.Stop();

        return new Measurement(target.Name, batchSize, loops, claimed, clock.Elapsed);
    }

    private static async Task<int> CycleAsync(IClaimTarget target, int batchSize)
    {
        var (batchId, count) = await target.ClaimAsync(batchSize);
        if (count > 0)
        {
            await target.AcknowledgeAsync(batchId);
        }

        return count;
    }
}
