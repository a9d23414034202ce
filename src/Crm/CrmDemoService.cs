using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Abstractions;

namespace Scheduler.Crm;

/// <summary>
/// Runs the embedded demo once the host has started (so the silo is active, whatever the registration order):
/// seeds the legacy file on first start, enrols every legacy user in the demo schedule (again on every start, since
/// the embedded ring lives in memory; enrolling is idempotent) and then plays the legacy activity.
/// </summary>
internal sealed partial class CrmDemoService(
    CrmSyncDemoOptions options,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CrmDemoService> logger) : BackgroundService
{
    private const int EnrolChunk = 1_000;

    private const int Attempts = 10;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        if (!await PrepareAsync(stoppingToken).ConfigureAwait(false) || options.ActivityInterval <= TimeSpan.Zero)
        {
            return;
        }

        await PlayActivityAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task<bool> PrepareAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var seeded = await DemoCrm.EnsureSeededAsync(options.LegacyPath, options.Users,
                    options.TransactionsPerUser, stoppingToken).ConfigureAwait(false);
                Log.Seeded(logger, options.LegacyPath, seeded);

                var ids = await DemoCrm.ReadUserIdsAsync(options.LegacyPath, stoppingToken).ConfigureAwait(false);
                var records = grains.GetGrain<IRecordsGrain>(options.Schedule);

                foreach (var chunk in ids.Chunk(EnrolChunk))
                {
                    await records.EnrolAsync([.. chunk.Select(id => id.ToString(
                        System.Globalization.CultureInfo.InvariantCulture))]).ConfigureAwait(false);
                }

                Log.Enrolled(logger, ids.Count, options.Schedule);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < Attempts)
            {
                // Redis (embedded Garnet) or the membership may still be coming up.
                Log.PrepareRetry(logger, ex, attempt, Attempts);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PrepareFailed(logger, ex);
                return false;
            }

            await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task PlayActivityAsync(CancellationToken stoppingToken)
    {
        var random = new Random();
        using var timer = new PeriodicTimer(options.ActivityInterval, time);

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var rows = await DemoCrm.SimulateActivityAsync(options.LegacyPath, options.ChangesPerActivity,
                    time.GetUtcNow().UtcDateTime, random, stoppingToken).ConfigureAwait(false);
                Log.Activity(logger, rows);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A locked or missing file costs one round of made-up activity, never the silo.
                Log.ActivityFailed(logger, ex);
            }
        }
    }
}
