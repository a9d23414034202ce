namespace Scheduler.Grains.Pacing;

/// <summary>What decided the size of a tick's claim.</summary>
public enum PacingBound
{
    /// <summary>The pacing target: the tick claims the whole shortfall (possibly nothing).</summary>
    Target,

    /// <summary>Free capacity: the in-flight batch limit allows fewer ids than wanted.</summary>
    Capacity,

    /// <summary>The rate ceiling allows fewer ids than wanted in one tick.</summary>
    RateCeiling,

    /// <summary>The cycle ended early; nothing is claimed until the next period starts.</summary>
    NextPeriod,
}
