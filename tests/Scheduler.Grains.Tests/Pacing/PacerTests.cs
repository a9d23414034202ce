using Scheduler.Grains.Pacing;

namespace Scheduler.Grains.Tests.Pacing;

public sealed class PacerTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public void Plan_PeriodOf20sWith2000Ids_ClaimsAboutHalfAfter10s()
    {
        var simulation = new PacingSimulation(2000, TimeSpan.FromSeconds(20), TwoSeconds);

        while (simulation.Elapsed <= TimeSpan.FromSeconds(10))
        {
            simulation.Tick();
        }

        Assert.InRange(simulation.Claimed, 950, 1050);
        Assert.Equal(0, simulation.CyclesEnded);
    }

    [Fact]
    public void Plan_PacedCycle_SpreadsClaimsEvenlyAndEndsAtThePeriod()
    {
        var simulation = new PacingSimulation(2000, TimeSpan.FromSeconds(20), TwoSeconds);
        var claims = new List<int>();

        while (simulation.CyclesEnded == 0)
        {
            claims.Add(simulation.Tick().IdsToClaim);
        }

        // Ticks at 2 s .. 20 s each claim a tenth of the ring; the tick at 20 s also reaches the cycle marker.
        Assert.Equal(0, claims[0]);
        Assert.All(claims.Skip(1).SkipLast(1), c => Assert.Equal(200, c));
        Assert.Equal(201, claims[^1]);
        Assert.Equal(simulation.CycleStartedAt + TimeSpan.FromSeconds(20), simulation.CycleEndedAt);
    }

    [Fact]
    public void Plan_ForcedCycle_ClaimsAsFastAsTheCapacityAllows()
    {
        var simulation = new PacingSimulation(2000, TimeSpan.FromHours(1), TwoSeconds)
        {
            BatchSize = 100,
            MaxConcurrentBatches = 5,
            Forced = true,
        };

        var first = simulation.Tick();
        var ticks = 1;
        while (simulation.CyclesEnded == 0)
        {
            simulation.Tick();
            ticks++;
        }

        Assert.Equal(new PacingDecision(500, 2000, 2000, PacingBound.Capacity), first);
        Assert.Equal(5, ticks);
        Assert.Equal(2000, simulation.Claimed);
    }

    [Fact]
    public void Plan_ForcedCycleWithoutLimits_ClaimsEveryIdAndTheMarkerAtOnce()
    {
        var decision = Pacer.Plan(Input(enrolled: 2000, elapsed: TimeSpan.Zero, claimed: 0) with { Forced = true });

        Assert.Equal(new PacingDecision(2001, 2000, 2000, PacingBound.Target), decision);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_RateCeiling_BoundsEveryTick(bool forced)
    {
        // 1,000,000 ids an hour needs 278 ids/s; the ceiling of 123.4 ids/s allows 246 per 2 s tick.
        var simulation = new PacingSimulation(1_000_000, TimeSpan.FromHours(1), TwoSeconds)
        {
            MaxRecordsPerSecond = 123.4,
            Forced = forced,
        };

        var decisions = Enumerable.Range(0, 500).Select(_ => simulation.Tick()).ToList();

        Assert.All(decisions, d => Assert.InRange(d.IdsToClaim, 0, 246));
        Assert.Contains(decisions, d => d.Bound == PacingBound.RateCeiling);
        Assert.True(simulation.Claimed <= 246 * 500);
    }

    [Fact]
    public void Plan_ConcurrencyLimit_BoundsEveryTick()
    {
        var simulation = new PacingSimulation(100_000, TimeSpan.FromMinutes(2), TwoSeconds)
        {
            BatchSize = 50,
            MaxConcurrentBatches = 20,
            BatchTicks = 3,
        };

        for (var i = 0; i < 200; i++)
        {
            simulation.Tick();

            Assert.InRange(simulation.InFlightBatches, 0, 20);
        }

        // The limit held the cycle back: 20 batches of 50 per 3 ticks is far below 100,000 ids in 60 ticks.
        Assert.True(simulation.Claimed < 100_000);
    }

    [Fact]
    public void Plan_CycleEndsEarly_ClaimsNothingUntilTheNextPeriod()
    {
        var simulation = new PacingSimulation(2000, TimeSpan.FromSeconds(20), TwoSeconds)
        {
            BatchSize = 100,
            MaxConcurrentBatches = 5,
            Forced = true,
        };
        var firstStart = simulation.CycleStartedAt;
        while (simulation.CyclesEnded == 0)
        {
            simulation.Tick();
        }

        var endedAt = simulation.CycleEndedAt;
        var waiting = new List<PacingDecision>();
        while (simulation.Time.GetUtcNow() < firstStart + simulation.Period)
        {
            waiting.Add(simulation.Tick());
        }

        var resumed = Enumerable.Range(0, 2).Select(_ => simulation.Tick()).ToList();

        Assert.Equal(firstStart + TimeSpan.FromSeconds(8), endedAt);
        Assert.Equal(5, waiting.Count);
        Assert.All(waiting, d => Assert.Equal(new PacingDecision(0, 2000, 0, PacingBound.NextPeriod), d));
        Assert.Equal(firstStart + simulation.Period, simulation.CycleStartedAt);
        Assert.Equal([0, 200], resumed.Select(d => d.IdsToClaim));
    }

    [Fact]
    public void Plan_EveryIdClaimedBeforeThePeriodEnds_AsksForOneToReachTheMarker()
    {
        var decision = Pacer.Plan(Input(enrolled: 1000, elapsed: TimeSpan.FromMinutes(30), claimed: 1000));

        Assert.Equal(1, decision.IdsToClaim);
    }

    [Fact]
    public void Plan_AheadOfTarget_ClaimsNothing()
    {
        var decision = Pacer.Plan(Input(enrolled: 1000, elapsed: TimeSpan.FromMinutes(30), claimed: 700));

        Assert.Equal(new PacingDecision(0, 500, 0, PacingBound.Target), decision);
    }

    [Fact]
    public void Plan_PeriodOverrun_ClaimsEveryIdLeft()
    {
        var decision = Pacer.Plan(Input(enrolled: 1000, elapsed: TimeSpan.FromMinutes(61), claimed: 300));

        Assert.Equal(new PacingDecision(701, 1000, 700, PacingBound.Target), decision);
    }

    [Fact]
    public void Plan_HugeRingAndLongPeriod_TargetIsExact()
    {
        var decision = Pacer.Plan(Input(enrolled: 1_000_000_000, elapsed: TimeSpan.FromHours(12), claimed: 0)
            with { Period = TimeSpan.FromDays(1) });

        Assert.Equal(500_000_000, decision.Target);
    }

    [Fact]
    public void Plan_MoreBatchesInFlightThanAllowed_ClaimsNothing()
    {
        var decision = Pacer.Plan(Input(enrolled: 1000, elapsed: TimeSpan.FromMinutes(30), claimed: 0)
            with { InFlightBatches = 250 });

        Assert.Equal(new PacingDecision(0, 500, 500, PacingBound.Capacity), decision);
    }

    [Fact]
    public void NextCycleStart_CycleEndedEarly_StartsAtThePeriodBoundary()
    {
        var start = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

        var next = Pacer.NextCycleStart(start, start.AddMinutes(40), TimeSpan.FromHours(1));

        Assert.Equal(start.AddHours(1), next);
    }

    [Fact]
    public void NextCycleStart_CycleOverran_StartsWhenItEnded()
    {
        var start = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

        var next = Pacer.NextCycleStart(start, start.AddMinutes(75), TimeSpan.FromHours(1));

        Assert.Equal(start.AddMinutes(75), next);
    }

    [Theory]
    [InlineData(0, 2, long.MaxValue)]
    [InlineData(100, 2, 200)]
    [InlineData(0.75, 2, 1)]
    [InlineData(123.4, 0.5, 61)]
    public void RateCeilingPerTick_Rate_IsFlooredOverOneTick(double rate, double tickSeconds, long expected)
    {
        Assert.Equal(expected, Pacer.RateCeilingPerTick(rate, TimeSpan.FromSeconds(tickSeconds)));
    }

    private static PacingInput Input(long enrolled, TimeSpan elapsed, long claimed) => new()
    {
        Enrolled = enrolled,
        Period = TimeSpan.FromHours(1),
        Elapsed = elapsed,
        ClaimedThisCycle = claimed,
        InFlightBatches = 0,
        MaxConcurrentBatches = 200,
        BatchSize = 500,
        TickInterval = TwoSeconds,
    };
}
