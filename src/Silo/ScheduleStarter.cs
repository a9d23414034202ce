using Microsoft.Extensions.Options;
using Scheduler.Abstractions;
using Scheduler.Grains.Options;

namespace Scheduler.Silo;

/// <summary>
/// Once the silo is up, calls the coordinator of every configured schedule, and again every
/// <see cref="KeepAliveInterval"/>: the first call activates it so that it registers its keep-alive reminder without
/// any client having to call it, the later ones bring it back at once when its silo dies. Every silo does this; the
/// calls are idempotent.
/// </summary>
/// <remarks>
/// The reminder alone would bring a coordinator back after its silo dies, but only when it next fires, up to a
/// minute later, and claims stop meanwhile. A call from any silo activates it again as soon as the membership has
/// declared the dead silo dead. A failed call is simply made again at the next interval, which also covers a silo
/// that starts before it sees the whole membership.
/// </remarks>
internal sealed class ScheduleStarter(
    IGrainFactory grains,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduleStarter> logger) : BackgroundService
{
    /// <summary>How often every silo calls every coordinator.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo's hosted service is registered first, so the silo is active by the time this runs.
        var schedules = options.Value.Schedules.Keys.ToList();
        var started = new HashSet<string>(StringComparer.Ordinal);

        using var timer = new PeriodicTimer(KeepAliveInterval, time);
        do
        {
            var answered = await Task.WhenAll(schedules.Select(schedule => CallAsync(schedule, stoppingToken)))
                .ConfigureAwait(false);

            for (var i = 0; i < schedules.Count; i++)
            {
                if (answered[i] && started.Add(schedules[i]))
                {
                    SiloLog.CoordinatorStarted(logger, schedules[i]);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<bool> CallAsync(string schedule, CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<ICoordinatorGrain>(schedule).StartAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A failure must not end the loop: an exception out of a hosted service stops the whole silo.
            // Until the membership declares a dead silo dead, calls to the grains it hosted fail or time out.
            SiloLog.CoordinatorKeepAliveFailed(logger, ex, schedule);
            return false;
        }
    }
}
