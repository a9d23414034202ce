using Microsoft.Extensions.Options;
using Scheduler.Abstractions;
using Scheduler.Grains.Options;

namespace Scheduler.Silo;

/// <summary>
/// Once the silo is up, activates the coordinator of every configured schedule so that each registers its
/// keep-alive reminder without any client having to call it. Every silo does this; the calls are idempotent.
/// </summary>
internal sealed class ScheduleStarter(
    IGrainFactory grains,
    IOptions<SchedulerOptions> options,
    ILogger<ScheduleStarter> logger) : BackgroundService
{
    private const int Attempts = 10;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo's hosted service is registered first, so the silo is active by the time this runs.
        var schedules = options.Value.Schedules.Keys.ToList();
        await Task.WhenAll(schedules.Select(schedule => StartAsync(schedule, stoppingToken))).ConfigureAwait(false);
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
