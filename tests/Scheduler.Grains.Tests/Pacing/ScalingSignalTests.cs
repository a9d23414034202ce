using Scheduler.Grains.Pacing;

namespace Scheduler.Grains.Tests.Pacing;

public sealed class ScalingSignalTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 6, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_HalfwayWithAThirdClaimed_Is600sBehindAndProjectsTheEnd()
    {
        // 3,600 ids an hour is 1 id/s; at 30 min the target is 1,800, so 1,200 claimed is 600 ids = 600 s behind.
        var signal = ScalingSignal.Compute(Input(enrolled: 3600, claimed: 1200, achievedRate: 2, silos: 1));

        Assert.Equal(1.0, signal.RequiredRate, 9);
        Assert.Equal(TimeSpan.FromSeconds(600), signal.BehindSchedule);
        Assert.Equal(Now.AddSeconds(1200), signal.ProjectedCycleEnd);
    }

    [Fact]
    public void Compute_OnTarget_IsNotBehind()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3600, claimed: 1800, achievedRate: 1, silos: 1));

        Assert.Equal(TimeSpan.Zero, signal.BehindSchedule);
        Assert.Equal(Now.AddMinutes(30), signal.ProjectedCycleEnd);
    }

    [Fact]
    public void Compute_PeriodOverrun_ShowsTheOverrunInTheLag()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3600, claimed: 1800, achievedRate: 1, silos: 1)
            with { Elapsed = TimeSpan.FromMinutes(90) });

        Assert.Equal(TimeSpan.FromHours(1), signal.BehindSchedule);
    }

    [Fact]
    public void Compute_ThreeSilosAt200PerSecondEach_Needs5SilosFor1000PerSecond()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3_600_000, claimed: 0, achievedRate: 600, silos: 3));

        Assert.Equal(1000.0, signal.RequiredRate, 9);
        Assert.Equal(5, signal.SilosNeeded);
        Assert.True(signal.CanMeetPeriod);
    }

    [Fact]
    public void Compute_RateCeilingBelowTheRequiredRate_CannotMeetThePeriodAndAsksOnlyForUsableSilos()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3_600_000, claimed: 0, achievedRate: 600, silos: 3)
            with { MaxRecordsPerSecond = 500 });

        Assert.False(signal.RateCeilingAllowsPeriod);
        Assert.True(signal.ConcurrencyAllowsPeriod);
        Assert.False(signal.CanMeetPeriod);
        Assert.Equal(3, signal.SilosNeeded);
    }

    [Fact]
    public void Compute_TooFewConcurrentBatchesForTheBatchDuration_CannotMeetThePeriod()
    {
        // 10 batches of 500 ids taking 10 s each carry 500 ids/s, half of the 1,000 ids/s needed.
        var signal = ScalingSignal.Compute(Input(enrolled: 3_600_000, claimed: 0, achievedRate: 600, silos: 3)
            with { MaxConcurrentBatches = 10, BatchDuration = TimeSpan.FromSeconds(10) });

        Assert.True(signal.RateCeilingAllowsPeriod);
        Assert.False(signal.ConcurrencyAllowsPeriod);
        Assert.False(signal.CanMeetPeriod);
        Assert.Equal(3, signal.SilosNeeded);
    }

    [Fact]
    public void Compute_EnoughConcurrentBatches_MeetsThePeriod()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3_600_000, claimed: 0, achievedRate: 600, silos: 3)
            with { MaxConcurrentBatches = 20, BatchDuration = TimeSpan.FromSeconds(10) });

        Assert.True(signal.ConcurrencyAllowsPeriod);
    }

    [Fact]
    public void Compute_NothingAchievedYet_KeepsTheSilosAndProjectsNoEnd()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3600, claimed: 0, achievedRate: 0, silos: 4));

        Assert.Equal(4, signal.SilosNeeded);
        Assert.Null(signal.ProjectedCycleEnd);
    }

    [Fact]
    public void Compute_EmptyRing_NeedsOneSiloAndIsNotBehind()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 0, claimed: 0, achievedRate: 0, silos: 3));

        Assert.Equal(1, signal.SilosNeeded);
        Assert.Equal(TimeSpan.Zero, signal.BehindSchedule);
        Assert.Equal(Now, signal.ProjectedCycleEnd);
    }

    [Fact]
    public void Compute_FarMoreCapacityThanNeeded_StillNeedsOneSilo()
    {
        var signal = ScalingSignal.Compute(Input(enrolled: 3600, claimed: 0, achievedRate: 5000, silos: 2));

        Assert.Equal(1, signal.SilosNeeded);
    }

    [Fact]
    public void Compute_RatesThatDivideExactly_DoNotRoundUpOnFloatingPointNoise()
    {
        // 0.3 / (0.3 / 3) is 3.0000000000000004 in floating point.
        var signal = ScalingSignal.Compute(Input(enrolled: 3, claimed: 0, achievedRate: 0.3, silos: 3)
            with { Period = TimeSpan.FromSeconds(10), Elapsed = TimeSpan.Zero });

        Assert.Equal(3, signal.SilosNeeded);
    }

    private static ScalingInput Input(long enrolled, long claimed, double achievedRate, int silos) => new()
    {
        Enrolled = enrolled,
        Period = TimeSpan.FromHours(1),
        Elapsed = TimeSpan.FromMinutes(30),
        ClaimedThisCycle = claimed,
        Now = Now,
        AchievedRate = achievedRate,
        Silos = silos,
        BatchSize = 500,
        MaxConcurrentBatches = 200,
    };
}
