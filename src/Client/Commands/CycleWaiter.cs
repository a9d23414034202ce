using System.Diagnostics;
using System.Globalization;
using Orleans.Runtime;
using Scheduler.Abstractions;
using Scheduler.Client.Output;

namespace Scheduler.Client.Commands;

/// <summary>
/// Follows a forced cycle until it has ended and nothing is in flight. A failed status call (the gateway's silo
/// died, Redis restarts) is retried, so the wait rides through both.
/// </summary>
internal static class CycleWaiter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static async Task<ScheduleStatus> WaitAsync(
        ICoordinatorGrain coordinator,
        long cycle,
        TimeSpan? timeout,
        IProgress<ProgressUpdate> progress,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                var status = await coordinator.GetStatusAsync().ConfigureAwait(false);
                if (status.Cycle > cycle && status.InFlight == 0)
                {
                    return status;
                }

                var claimed = status.Cycle > cycle ? status.Enrolled : status.CycleClaimed;
                progress.Report(new ProgressUpdate(claimed, Math.Max(1, status.Enrolled),
                    string.Create(CultureInfo.InvariantCulture,
                        $"cycle {cycle}: {claimed:N0} claimed, {status.InFlight:N0} in flight")));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A silo dying under the client surfaces as several exception types (connection failed, message
                // rejected, silo unavailable); all are passing while membership settles, so keep waiting.
                progress.Report(new ProgressUpdate(0, null, $"cycle {cycle}: reconnecting"));
            }

            if (timeout is { } limit && Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Cycle {cycle} did not end within {limit.TotalSeconds:0.#} s; it carries on in the cluster."));
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
