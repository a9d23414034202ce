using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Scheduler.Abstractions;
using Scheduler.Grains.Metrics;
using Scheduler.Grains.Options;
using Scheduler.Grains.Pacing;
using Scheduler.Ring;

namespace Scheduler.Grains.Coordination;

/// <summary>
/// The coordinator of one schedule. A reminder keeps it alive (and brings it back on another silo when its silo
/// dies); a grain timer ticks. Each tick reads the ring's counts, asks the <see cref="Pacer"/> how many ids to
/// claim, claims them in one atomic call and hands the batches to one worker per active silo.
/// </summary>
public sealed partial class CoordinatorGrain(
    ScheduleRings rings,
    IClusterMembershipService membership,
    TimeProvider time,
    SchedulerMetrics metrics,
    ILogger<CoordinatorGrain> logger) : Grain, ICoordinatorGrain, IRemindable
{
    private const string KeepAlive = "keep-alive";

    // At the measured 2-3 µs of Redis time per claimed id (scheduler-bench ring), about 25 ms per call.
    private const int MaxIdsPerClaim = 10_000;

    // Completions can trigger ticks between timer ticks; this keeps them from turning into a busy loop.
    private static readonly TimeSpan NudgeSpacing = TimeSpan.FromMilliseconds(20);

    private string _schedule = "";
    private ScheduleOptions _settings = new();
    private ScheduleRing? _ring;
    private int _nextSilo;
    private DateTimeOffset _lastTickAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _lastClaimAt;
    private IGrainTimer? _refill;
    private bool _waitingForCapacity;

    private ScheduleRing Ring => _ring ?? throw new InvalidOperationException("The coordinator is not active.");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _schedule = this.GetPrimaryKeyString();
        _settings = rings.Settings(_schedule);
        _ring = rings.Get(_schedule);

        await this.RegisterOrUpdateReminder(KeepAlive, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1),
            cancellationToken);
        this.RegisterGrainTimer(TickAsync, _settings.TickInterval, _settings.TickInterval);
        this.RegisterGrainTimer(RecordStatusAsync, TimeSpan.Zero, SchedulerMetrics.StatusInterval);
        Log.Activated(logger, _schedule, _settings.TickInterval);
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<long> ForceCycleAsync()
    {
        var cycle = await Ring.ForceCycleAsync();
        Log.Forced(logger, _schedule, cycle);

        await TickAsync(CancellationToken.None);
        return cycle;
    }

    /// <inheritdoc />
    public Task BatchCompletedAsync()
    {
        // Only a tick that wanted more than the free capacity gains from a refill; a paced tick is not short of
        // capacity, and extra ticks would only split its claims into smaller batches (more upstream queries).
        if (!_waitingForCapacity)
        {
            return Task.CompletedTask;
        }

        var wait = _lastTickAt + NudgeSpacing - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return TickAsync(CancellationToken.None);
        }

        // Completions come in bursts: the first tick after the spacing serves every completion before it.
        if (_refill is null)
        {
            _refill = this.RegisterGrainTimer(RefillAsync, wait, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PauseAsync() => Ring.PauseAsync();

    /// <inheritdoc />
    public Task ResumeAsync() => Ring.ResumeAsync();

    private async Task RefillAsync(CancellationToken cancellationToken)
    {
        _refill?.Dispose();
        _refill = null;
        await TickAsync(cancellationToken);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _lastTickAt = now;
        var counts = await Ring.GetCountsAsync();
        _waitingForCapacity = false;
        if (counts.Paused)
        {
            return;
        }

        if (!CycleMayRun(counts, now))
        {
            await ClaimBetweenCyclesAsync(counts);
            return;
        }

        var plan = Pacer.Plan(PacingFor(counts, now));
        _waitingForCapacity = plan.Bound == PacingBound.Capacity;
        if (plan.IdsToClaim <= 0)
        {
            return;
        }

        await ClaimInSlicesAsync(plan.IdsToClaim, includeRing: true);
    }

    // One script call blocks Redis while it runs, so a large tick is claimed in slices of a bounded size,
    // each dispatched before the next is claimed. A slice that comes back short (the cycle ended, or the
    // ring had nothing more to give) ends the tick.
    private async Task ClaimInSlicesAsync(int ids, bool includeRing)
    {
        var now = time.GetUtcNow();
        ids = (int)Math.Min(ids, RateAllowance(now));
        if (ids <= 0)
        {
            return;
        }

        _lastClaimAt = now;
        var slice = Math.Max(_settings.BatchSize, MaxIdsPerClaim - (MaxIdsPerClaim % _settings.BatchSize));
        for (var left = ids; left > 0;)
        {
            var wanted = Math.Min(left, slice);
            var claim = await Ring.ClaimAsync(_settings.ToClaimRequest(wanted) with { IncludeRing = includeRing });
            Dispatch(claim.Batches);
            metrics.Claimed(_schedule, claim.Count);

            left -= wanted;
            if (claim.CycleEnded || claim.Count < wanted)
            {
                return;
            }
        }
    }

    // The ceiling is a rate: a claim may take what accrued since the previous one, at most one tick's worth, so
    // ticks that completions bring between timer ticks cannot add up past it.
    private long RateAllowance(DateTimeOffset now)
    {
        if (_settings.MaxRecordsPerSecond <= 0)
        {
            return long.MaxValue;
        }

        var accrued = _lastClaimAt is { } last && now - last < _settings.TickInterval
            ? now - last
            : _settings.TickInterval;
        return Pacer.RateCeilingPerTick(_settings.MaxRecordsPerSecond, accrued);
    }

    // While waiting for the next period boundary the ring stays put, but expired leases, due retries and
    // refresh-now requests must not wait a whole period.
    private async Task ClaimBetweenCyclesAsync(RingCounts counts)
    {
        if (counts.InFlight == 0 && counts.Priority == 0)
        {
            return;
        }

        var freeBatches = Math.Max(0, _settings.MaxConcurrentBatches - counts.LeasedBatches);
        var ceiling = Pacer.RateCeilingPerTick(_settings.MaxRecordsPerSecond, _settings.TickInterval);
        var maxIds = (int)Math.Min(int.MaxValue, Math.Min(freeBatches * _settings.BatchSize, ceiling));
        if (maxIds <= 0)
        {
            return;
        }

        await ClaimInSlicesAsync(maxIds, includeRing: false);
    }

    private async Task RecordStatusAsync(CancellationToken cancellationToken) =>
        metrics.Record(await GetStatusAsync());

    // A cycle that ended early waits for the next period boundary, unless a cycle was forced.
    private bool CycleMayRun(RingCounts counts, DateTimeOffset now)
    {
        if (counts.Forced || counts.CycleStartedAt is not null || counts.LastCycleStartedAt is not { } lastStart)
        {
            return true;
        }

        var lastEnd = counts.LastCycleEndedAt ?? lastStart;
        return now >= Pacer.NextCycleStart(lastStart, lastEnd, _settings.Period);
    }

    // Pacing aims at where the cycle should be by the end of this tick, so the first tick of a cycle claims.
    private PacingInput PacingFor(RingCounts counts, DateTimeOffset now) => new()
    {
        Enrolled = counts.Enrolled,
        Period = _settings.Period,
        Elapsed = now - (counts.CycleStartedAt ?? now) + _settings.TickInterval,
        ClaimedThisCycle = counts.ClaimedThisCycle,
        Forced = counts.Forced,
        InFlightBatches = counts.LeasedBatches,
        MaxConcurrentBatches = _settings.MaxConcurrentBatches,
        BatchSize = _settings.BatchSize,
        MaxRecordsPerSecond = _settings.MaxRecordsPerSecond,
        TickInterval = _settings.TickInterval,
    };

    private List<SiloAddress> ActiveSilos() => membership.CurrentSnapshot.Members.Values
        .Where(m => m.Status == SiloStatus.Active)
        .Select(m => m.SiloAddress)
        .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)
        .ToList();

    private void Dispatch(IReadOnlyList<Batch> batches)
    {
        if (batches.Count == 0)
        {
            return;
        }

        var silos = ActiveSilos();

        foreach (var batch in batches)
        {
            var silo = silos[_nextSilo++ % silos.Count];
            var assignment = new BatchAssignment
            {
                Schedule = _schedule,
                BatchId = batch.Id,
                Deadline = batch.Deadline,
                Ids = batch.Ids,
            };

            // The hint places a worker's first activation on that silo; one worker per silo and schedule then
            // keeps every later batch for that silo there.
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
            try
            {
                var worker = GrainFactory.GetGrain<IWorkerGrain>($"{_schedule}/{silo.ToParsableString()}");
                _ = worker.ProcessAsync(assignment);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }

        Log.Dispatched(logger, _schedule, batches.Count, silos.Count);
    }
}
