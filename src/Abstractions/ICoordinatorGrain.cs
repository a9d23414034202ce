using Orleans.Concurrency;

namespace Scheduler.Abstractions;

/// <summary>
/// The coordinator of one schedule, keyed by the schedule's name. It ticks on a timer, claims the next ids of the
/// ring by the pacing rule and hands them to workers on every silo. Its state lives in Redis, so any activation
/// carries on where the last one stopped.
/// </summary>
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Activates the coordinator and registers the reminder that keeps it alive.</summary>
    Task StartAsync();

    /// <summary>Runs the current cycle (or starts one now) as fast as the limits allow; returns its number.</summary>
    Task<long> ForceCycleAsync();

    /// <summary>Stops claims until <see cref="ResumeAsync"/>; leases already handed out run to the end.</summary>
    Task PauseAsync();

    /// <summary>Restarts claims after <see cref="PauseAsync"/>.</summary>
    Task ResumeAsync();

    /// <summary>The schedule's status: counts, cycle progress against the pacing target, and per-silo work.</summary>
    Task<ScheduleStatus> GetStatusAsync();

    /// <summary>
    /// Tells the coordinator a worker completed a batch, freeing capacity, so it can claim now rather than at its
    /// next tick. Fire and forget: the timer still ticks if this is lost.
    /// </summary>
    [OneWay]
    Task BatchCompletedAsync();

    /// <summary>
    /// Tells the coordinator a worker's processor finished a batch, before its completion reaches Redis, so that a
    /// batch claimed ahead can start in its place at once. Fire and forget, and served between the awaits of a
    /// tick, so that it never waits for a claim.
    /// </summary>
    /// <param name="batchId">The batch that finished.</param>
    [OneWay]
    [AlwaysInterleave]
    Task BatchFinishedAsync(long batchId);
}
