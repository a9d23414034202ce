using Microsoft.Extensions.Options;
using Scheduler.Abstractions;
using Scheduler.Grains.Options;

namespace Scheduler.Silo;

/// <summary>
/// Once the silo is up, activates the coordinator of every configured schedule so that each registers its
/// keep-alive reminder without any client having to call it, then calls each coordinator every
/// <see cref="KeepAliveInterval"/>. Every silo does this; the calls are idempotent.
/// </summary>
/// <remarks>
/// The reminder alone would bring a coordinator back after its silo dies, but only when it next fires, up to a
/// minute later, and claims stop meanwhile. A call from any silo activates it again as soon as the membership has
/// declared the dead silo dead.
/// </remarks>
internal sealed class ScheduleStarter(
    IGrainFactory grains,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduleStarter> logger) : BackgroundService
{
    /// <summary>How often every silo calls every coordinator.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);

    private const int Attempts = 10;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo's hosted service is registered first, so the silo is active by the time this runs.
        var schedules = options.Value.Schedules.Keys.ToList();
        await Task.WhenAll(schedules.Select(schedule => StartAsync(schedule, stoppingToken))).ConfigureAwait(false);

        using var timer = new PeriodicTimer(KeepAliveInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.WhenAll(schedules.Select(schedule => KeepAliveAsync(schedule, stoppingToken)))
                .ConfigureAwait(false);
        }
    }

    private async Task KeepAliveAsync(string schedule, CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<ICoordinatorGrain>(schedule).StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A failure here must not end the loop: an exception out of a hosted service stops the whole silo.
            // Until the membership declares a dead silo dead, calls to the grains it hosted fail or time out.
            SiloLog.CoordinatorKeepAliveFailed(logger, ex, schedule);
        }
    }

    private async Task StartAsync(string schedule, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<ICoordinatorGrain>(schedule).StartAsync().ConfigureAwait(false);
                SiloLog.CoordinatorStarted(logger, schedule);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < Attempts)
            {
                // A silo that just joined may not see the whole membership yet, or Redis may still be starting.
                SiloLog.CoordinatorStartRetry(logger, ex, schedule, attempt, Attempts);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SiloLog.CoordinatorStartFailed(logger, ex, schedule);
                return;
            }

            await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(false);
        }
    }
}
