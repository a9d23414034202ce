using Microsoft.Extensions.Time.Testing;
using Scheduler.Grains.Pacing;

namespace Scheduler.Grains.Tests.Pacing;

/// <summary>
/// A coordinator reduced to its pacing: a ring of <see cref="Enrolled"/> ids with a cycle marker, batches that
/// finish a fixed number of ticks after they are leased, and a fake clock advanced one tick at a time. Each tick
/// asks <see cref="Pacer.Plan"/> and feeds the answer back as claimed ids, the way the ring's claim would.
/// </summary>
internal sealed class PacingSimulation
{
    private readonly List<(int DoneAtTick, int Batches)> _inFlight = [];
    private int _tick;

    public PacingSimulation(long enrolled, TimeSpan period, TimeSpan tickInterval)
    {
        Enrolled = enrolled;
        Period = period;
        TickInterval = tickInterval;
        CycleStartedAt = Time.GetUtcNow();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    public long Enrolled { get; }

    public TimeSpan Period { get; }

    public TimeSpan TickInterval { get; }

    public int BatchSize { get; init; } = 500;

    public int MaxConcurrentBatches { get; init; } = 200;

    public double MaxRecordsPerSecond { get; init; }

    /// <summary>Ticks a batch stays in flight; 0 means it is acknowledged before the next tick.</summary>
    public int BatchTicks { get; init; }

    public bool Forced { get; set; }

    public long Claimed { get; private set; }

    public int CyclesEnded { get; private set; }

    public DateTimeOffset CycleStartedAt { get; private set; }

    public DateTimeOffset? CycleEndedAt { get; private set; }

    public long InFlightBatches => _inFlight.Sum(b => b.Batches);

    public TimeSpan Elapsed => Time.GetUtcNow() - CycleStartedAt;

    /// <summary>Runs one tick at the current fake time, then advances the clock by one tick interval.</summary>
    public PacingDecision Tick()
    {
        _inFlight.RemoveAll(b => b.DoneAtTick <= _tick);
        StartNextCycleIfDue();

        var decision = Pacer.Plan(new PacingInput
        {
            Enrolled = Enrolled,
            Period = Period,
            Elapsed = Elapsed,
            ClaimedThisCycle = Claimed,
            CycleEnded = CycleEndedAt is not null,
            Forced = Forced,
            InFlightBatches = InFlightBatches,
            MaxConcurrentBatches = MaxConcurrentBatches,
            BatchSize = BatchSize,
            MaxRecordsPerSecond = MaxRecordsPerSecond,
            TickInterval = TickInterval,
        });
        Claim(decision.IdsToClaim);

        _tick++;
        Time.Advance(TickInterval);
        return decision;
    }

    private void StartNextCycleIfDue()
    {
        if (CycleEndedAt is not { } ended)
        {
            return;
        }

        var next = Pacer.NextCycleStart(CycleStartedAt, ended, Period);
        if (Time.GetUtcNow() >= next)
        {
            CycleStartedAt = next;
            CycleEndedAt = null;
            Claimed = 0;
            Forced = false;
        }
    }

    // Like the claim script: ids come off the ring until the budget is spent or the cycle marker is met.
    private void Claim(int maxIds)
    {
        var ids = (int)Math.Min(maxIds, Enrolled - Claimed);
        Claimed += ids;
        if (ids > 0)
        {
            _inFlight.Add((_tick + BatchTicks, (ids + BatchSize - 1) / BatchSize));
        }

        if (maxIds > ids)
        {
            CycleEndedAt = Time.GetUtcNow();
            CyclesEnded++;
        }
    }
}
