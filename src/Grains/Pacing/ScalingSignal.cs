namespace Scheduler.Grains.Pacing;

/// <summary>
/// How a schedule stands against its period, published for an autoscaler: how far behind it is, when the cycle
/// will end, whether the configured limits allow the period at all, and how many silos it needs.
/// </summary>
/// <param name="RequiredRate">The ids per second the period needs, <c>N/P</c>.</param>
/// <param name="BehindSchedule">How far the claimed count lags the pacing target, in time at the required
/// rate.</param>
/// <param name="ProjectedCycleEnd">When the cycle ends at the achieved rate; <see langword="null"/> when nothing
/// has been achieved yet.</param>
/// <param name="RateCeilingAllowsPeriod">Whether the rate ceiling is at least the required rate.</param>
/// <param name="ConcurrencyAllowsPeriod">Whether the in-flight batch limit can carry the required rate.</param>
/// <param name="SilosNeeded">The silos the schedule needs at the per-silo rate achieved; at least 1.</param>
public sealed record ScalingSignal(
    double RequiredRate,
    TimeSpan BehindSchedule,
    DateTimeOffset? ProjectedCycleEnd,
    bool RateCeilingAllowsPeriod,
    bool ConcurrencyAllowsPeriod,
    int SilosNeeded)
{
    // Rates are measured, so a quotient of 2.0000000001 is 2 silos, not 3.
    private const double Tolerance = 1e-9;

    /// <summary>Whether the period can be met with the configured limits, whatever the number of silos.</summary>
    public bool CanMeetPeriod => RateCeilingAllowsPeriod && ConcurrencyAllowsPeriod;

    /// <summary>Derives the signal from <paramref name="input"/>.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>required rate <c>r = N/P</c> ids per second;</item>
    /// <item>behind schedule <c>max(0, e − claimed/r)</c>: the pacing target <c>N·e/P</c> (not capped at N, so an
    /// overrun shows) less the claimed count, in seconds of the required rate;</item>
    /// <item>projected cycle end <c>now + (N − claimed)/achieved</c>, or now when every id is claimed;</item>
    /// <item>the rate ceiling allows the period when it is 0 (none) or at least <c>r</c>; the concurrency limit
    /// allows it when <c>MaxConcurrentBatches × BatchSize / batch duration ≥ r</c>;</item>
    /// <item>silos needed <c>ceil(min(r, ceilings) / (achieved / silos))</c>, at least 1: silos beyond what the
    /// limits let work are not asked for. With no achieved rate yet, the current silo count stands.</item>
    /// </list>
    /// </remarks>
    public static ScalingSignal Compute(ScalingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(input.Period, TimeSpan.Zero, nameof(input.Period));

        var enrolled = Math.Max(0, input.Enrolled);
        var claimed = Math.Max(0, input.ClaimedThisCycle);
        var elapsed = input.Elapsed < TimeSpan.Zero ? TimeSpan.Zero : input.Elapsed;
        var required = enrolled / input.Period.TotalSeconds;

        var behind = required > 0
            ? TimeSpan.FromSeconds(Math.Max(0, elapsed.TotalSeconds - (claimed / required)))
            : TimeSpan.Zero;

        var rateAllows = input.MaxRecordsPerSecond <= 0 || input.MaxRecordsPerSecond >= required;
        var concurrencyRate = ConcurrencyRate(input);
        var concurrencyAllows = concurrencyRate >= required;

        var workable = Math.Min(required, concurrencyRate);
        if (input.MaxRecordsPerSecond > 0)
        {
            workable = Math.Min(workable, input.MaxRecordsPerSecond);
        }

        return new ScalingSignal(
            required,
            behind,
            ProjectEnd(input.Now, enrolled - claimed, input.AchievedRate),
            rateAllows,
            concurrencyAllows,
            Silos(workable, input.AchievedRate, input.Silos));
    }

    private static double ConcurrencyRate(ScalingInput input)
    {
        if (input.BatchDuration is not { } duration || duration <= TimeSpan.Zero)
        {
            return double.PositiveInfinity;
        }

        return (double)input.MaxConcurrentBatches * input.BatchSize / duration.TotalSeconds;
    }

    private static DateTimeOffset? ProjectEnd(DateTimeOffset now, long remaining, double achievedRate)
    {
        if (remaining <= 0)
        {
            return now;
        }

        if (achievedRate <= 0)
        {
            return null;
        }

        // A trickle of a rate would put the end past the calendar; that is no projection at all.
        var seconds = remaining / achievedRate;
        return seconds < (DateTimeOffset.MaxValue - now).TotalSeconds ? now.AddSeconds(seconds) : null;
    }

    private static int Silos(double workableRate, double achievedRate, int silos)
    {
        var current = Math.Max(1, silos);
        if (workableRate <= 0)
        {
            return 1;
        }

        if (achievedRate <= 0)
        {
            return current;
        }

        var needed = Math.Ceiling((workableRate / (achievedRate / current)) - Tolerance);
        return needed >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)needed);
    }
}
