namespace Scheduler.Grains.Pacing;

/// <summary>
/// The pacing arithmetic of a coordinator tick: how many ids to claim so a cycle spreads evenly over its period
/// without exceeding the cluster's limits. Pure functions of their inputs, so they are tested without a clock.
/// </summary>
public static class Pacer
{
    /// <summary>Decides how many ids the tick described by <paramref name="input"/> claims.</summary>
    /// <remarks>
    /// <para>
    /// The target is <c>ceil(N·e/P)</c> ids, capped at <c>N</c>, and the wish is the shortfall
    /// <c>target − claimed</c>. A forced cycle, or one still running when its period is over (<c>e ≥ P</c>), wishes
    /// for every id left and the cycle marker, <c>N − claimed + 1</c>. Once every id is claimed but the cycle has
    /// not ended, one is wished for so the claim reaches the marker; ids enrolled or removed during the cycle, and
    /// ids the ring skips because they are leased or parked, keep the claimed count from matching <c>N</c> exactly,
    /// so the marker, not the count, ends a cycle.
    /// </para>
    /// <para>
    /// The wish is bounded by free capacity, <c>(MaxConcurrentBatches − InFlightBatches) × BatchSize</c>, and by
    /// the rate ceiling over one tick, <c>floor(MaxRecordsPerSecond × TickInterval)</c>. The ceiling is
    /// cluster-wide because one coordinator per schedule claims. A cycle that has ended claims nothing.
    /// </para>
    /// </remarks>
    public static PacingDecision Plan(PacingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(input.Period, TimeSpan.Zero, nameof(input.Period));
        ArgumentOutOfRangeException.ThrowIfLessThan(input.BatchSize, 1, nameof(input.BatchSize));

        var enrolled = Math.Max(0, input.Enrolled);
        var claimed = Math.Max(0, input.ClaimedThisCycle);
        var elapsed = input.Elapsed < TimeSpan.Zero ? TimeSpan.Zero : input.Elapsed;
        var overdue = input.Forced || elapsed >= input.Period;

        var target = overdue ? enrolled : Target(enrolled, elapsed, input.Period);
        var shortfall = Math.Max(0, target - claimed);
        if (input.CycleEnded)
        {
            return new PacingDecision(0, target, shortfall, PacingBound.NextPeriod);
        }

        var wish = shortfall;
        if (claimed >= enrolled)
        {
            wish = 1;
        }
        else if (overdue)
        {
            wish = enrolled - claimed + 1;
        }

        var freeBatches = Math.Max(0, input.MaxConcurrentBatches - input.InFlightBatches);
        var capacity = freeBatches * input.BatchSize;
        var ceiling = RateCeilingPerTick(input.MaxRecordsPerSecond, input.TickInterval);

        var ids = Math.Min(wish, Math.Min(capacity, ceiling));
        var bound = PacingBound.Target;
        if (ids < wish)
        {
            bound = capacity <= ceiling ? PacingBound.Capacity : PacingBound.RateCeiling;
        }

        return new PacingDecision((int)Math.Min(ids, int.MaxValue), target, shortfall, bound);
    }

    /// <summary>
    /// When the cycle after one that started at <paramref name="cycleStartedAt"/> and ended at
    /// <paramref name="cycleEndedAt"/> starts: at the next period boundary, <c>start + P</c>, or at once if the
    /// cycle overran its period.
    /// </summary>
    public static DateTimeOffset NextCycleStart(
        DateTimeOffset cycleStartedAt,
        DateTimeOffset cycleEndedAt,
        TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);

        var boundary = cycleStartedAt + period;
        return boundary > cycleEndedAt ? boundary : cycleEndedAt;
    }

    /// <summary>
    /// The most ids one tick may claim under a ceiling of <paramref name="recordsPerSecond"/>:
    /// <c>floor(rate × tick)</c>, or no limit when the rate is 0.
    /// </summary>
    public static long RateCeilingPerTick(double recordsPerSecond, TimeSpan tickInterval)
    {
        if (recordsPerSecond <= 0)
        {
            return long.MaxValue;
        }

        var perTick = Math.Floor(recordsPerSecond * Math.Max(0, tickInterval.TotalSeconds));
        return perTick >= long.MaxValue ? long.MaxValue : (long)perTick;
    }

    // Integer arithmetic keeps ceil exact where a double would round 1000.0000001 up to 1001; Int128 keeps
    // N × elapsed ticks from overflowing for large rings and long periods.
    private static long Target(long enrolled, TimeSpan elapsed, TimeSpan period)
    {
        var numerator = (Int128)enrolled * elapsed.Ticks;
        var target = (numerator + period.Ticks - 1) / period.Ticks;
        return (long)Int128.Min(target, enrolled);
    }
}
