using System.Diagnostics.CodeAnalysis;
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

    private string _schedule = "";
    private ScheduleOptions _settings = new();
    private ScheduleRing? _ring;
    private int _nextSilo;
    private DateTimeOffset? _lastClaimAt;
    private IGrainTimer? _refill;
    private bool _refillPending;
    private bool _waitingForCapacity;

    // Batches claimed ahead while the cycle is short of capacity, up to one per slot, each started the moment a
    // running batch finishes: the claim's Redis time is then spent while the processors work, not between two
    // batches of a slot.
    private readonly Queue<Batch> _ahead = new();

    // Batches this activation handed out whose finish has not been heard yet, with their lease deadlines. A batch
    // stays here until its finish is handled even once its completion has left Redis, so a tick cannot give its
    // slot away while the finish (which starts a batch ahead in that slot) is still on its way.
    private readonly Dictionary<long, DateTimeOffset> _running = [];
    private bool _paused;

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
        _refill = this.RegisterGrainTimer(RefillAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
        if (!_waitingForCapacity || _refillPending)
        {
            return Task.CompletedTask;
        }

        // Every moment between a completion and the next claim leaves a slot idle, so the refill runs at once.
        // It runs as a timer tick, queued behind the completions that have already arrived: one refill serves
        // a whole burst, since every worker completes in Redis before it reports. A refill needs a completion,
        // and a completion needs a batch claimed, so refills cannot spin while the ring has nothing to give.
        _refillPending = true;
        _refill?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task BatchFinishedAsync(long batchId)
    {
        // One batch stopped processing and one starts: the number of batches processing stays within the cap. A
        // batch another activation handed out is left to the ticks, which see its slot once it completes.
        if (_running.Remove(batchId) && !_paused && TryTakeAhead(out var batch))
        {
            Dispatch([batch]);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PauseAsync()
    {
        _paused = true;
        return Ring.PauseAsync();
    }

    /// <inheritdoc />
    public async Task ResumeAsync()
    {
        await Ring.ResumeAsync();
        _paused = false;
    }

    private Task RefillAsync(CancellationToken cancellationToken)
    {
        _refillPending = false;
        return TickAsync(cancellationToken);
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counts = await Ring.GetCountsAsync();
        _waitingForCapacity = false;
        _paused = counts.Paused;
        if (counts.Paused)
        {
            return;
        }

        StartBatchesAhead(Processing(counts, now));

        if (!CycleMayRun(counts, now))
        {
            await ClaimBetweenCyclesAsync(counts);
            return;
        }

        var plan = Pacer.Plan(PacingFor(counts, now));
        _waitingForCapacity = plan.Bound == PacingBound.Capacity;
        var claimed = 0;
        if (plan.IdsToClaim > 0)
        {
            claimed = await ClaimInSlicesAsync(plan.IdsToClaim, includeRing: true);
        }

        // Without batches of its own running, no finish would come to start a batch ahead (a new activation, or one
        // whose batches all ended while a tick ran). The live leases also hold batches whose processors finished
        // but whose completions have not reached Redis yet, so the room ahead is bounded by them too: every lease,
        // not only those counted here, stays within twice the cap. Only this tick has claimed since the counts.
        var room = Math.Min(_settings.MaxConcurrentBatches - _ahead.Count,
            2L * _settings.MaxConcurrentBatches - counts.LeasedBatches - claimed);
        if (_waitingForCapacity && _running.Count > 0 && room > 0)
        {
            await ClaimAheadAsync((int)room);
        }
    }

    // Batches claimed ahead start in any free slot, so none waits for a finish that may never come (the last
    // running batches can finish while the claim ahead is still on its way).
    private void StartBatchesAhead(long processing)
    {
        while (processing < _settings.MaxConcurrentBatches && TryTakeAhead(out var batch))
        {
            Dispatch([batch]);
            processing++;
        }
    }

    // A batch that waited ahead for most of its lease is left to run out instead: its worker would have little
    // time, and once the lease expires a claim hands its ids out again in a fresh batch.
    private bool TryTakeAhead([NotNullWhen(true)] out Batch? batch)
    {
        var now = time.GetUtcNow();
        while (_ahead.TryDequeue(out batch))
        {
            if (batch.Deadline - now > _settings.LeaseDuration / 2)
            {
                return true;
            }
        }

        return false;
    }

    // Only a cycle bound by capacity claims ahead: a paced one is not waiting for slots, and a batch held back
    // would only age its lease.
    private async Task ClaimAheadAsync(int batches)
    {
        var now = time.GetUtcNow();
        var ids = (int)Math.Min(Math.Min((long)batches * _settings.BatchSize, MaxIdsPerClaim), RateAllowance(now));
        if (ids < _settings.BatchSize)
        {
            return;
        }

        var claim = await Ring.ClaimAsync(_settings.ToClaimRequest(ids));
        metrics.Claimed(_schedule, claim.Count);

        // A finished batch may have found no batch ahead while this claim ran; it is refilled by the next tick.
        // Expired leases come back as batches of their own, so one claim can hold more than one batch.
        _lastClaimAt = now;
        foreach (var batch in claim.Batches)
        {
            _ahead.Enqueue(batch);
        }
    }

    // One script call blocks Redis while it runs, so a large tick is claimed in slices of a bounded size,
    // each dispatched before the next is claimed. A slice that comes back short (the cycle ended, or the
    // ring had nothing more to give) ends the tick.
    // Returns how many batches it leased.
    private async Task<int> ClaimInSlicesAsync(int ids, bool includeRing)
    {
        var now = time.GetUtcNow();
        ids = (int)Math.Min(ids, RateAllowance(now));
        if (ids <= 0)
        {
            return 0;
        }

        _lastClaimAt = now;
        var batches = 0;
        var slice = Math.Max(_settings.BatchSize, MaxIdsPerClaim - (MaxIdsPerClaim % _settings.BatchSize));
        for (var left = ids; left > 0;)
        {
            var wanted = Math.Min(left, slice);
            var claim = await Ring.ClaimAsync(_settings.ToClaimRequest(wanted) with { IncludeRing = includeRing });
            Dispatch(claim.Batches);
            metrics.Claimed(_schedule, claim.Count);
            batches += claim.Batches.Count;

            left -= wanted;
            if (claim.CycleEnded || claim.Count < wanted)
            {
                return batches;
            }
        }

        return batches;
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

        var freeBatches = Math.Max(0, _settings.MaxConcurrentBatches - Processing(counts, time.GetUtcNow()));
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
        InFlightBatches = Processing(counts, now),
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

    // Batches that may be processing: at least those whose finish has not been heard, and at least the live leases
    // that are not held here ahead. Both over-count (a finished batch's lease lives until its completion, a batch
    // completed may not have reported its finish yet), so the cap holds whichever comes first.
    private long Processing(RingCounts counts, DateTimeOffset now)
    {
        // A batch whose lease ran out has stopped (its worker cancels at the deadline), reported or not.
        foreach (var id in _running.Where(r => r.Value <= now).Select(r => r.Key).ToList())
        {
            _running.Remove(id);
        }

        return Math.Max(_running.Count, counts.LeasedBatches - _ahead.Count);
    }

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
            _running[batch.Id] = batch.Deadline;
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
