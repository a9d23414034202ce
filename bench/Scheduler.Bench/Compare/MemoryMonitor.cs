namespace Scheduler.Bench.Compare;

/// <summary>
/// Samples this process's managed heap and working set every 50 ms for the peak over a run: silos, client and
/// baseline workers all live in this process, so the peak is what the design held in memory.
/// </summary>
internal sealed class MemoryMonitor : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakHeap;
    private long _peakWorkingSet;

    private MemoryMonitor()
    {
        _sampler = SampleAsync();
    }

    /// <summary>Settles the garbage of earlier runs, then starts sampling.</summary>
    public static MemoryMonitor Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new MemoryMonitor();
    }

    /// <summary>Stops sampling; returns the peak managed heap and the peak working set, in bytes.</summary>
    public async Task<(long Heap, long WorkingSet)> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        Sample();
        return (_peakHeap, _peakWorkingSet);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        try
        {
            while (true)
            {
                Sample();
                await Task.Delay(Interval, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the last sample is taken by the caller.
        }
    }

    private void Sample()
    {
        _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        _peakWorkingSet = Math.Max(_peakWorkingSet, Environment.WorkingSet);
    }
}
