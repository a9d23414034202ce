namespace Scheduler.Grains.Pacing;

/// <summary>How many ids one tick claims, and why.</summary>
/// <param name="IdsToClaim">The most ids the tick's claim may lease (pass it as the claim's maximum).</param>
/// <param name="Target">The ids that should have been claimed this cycle by now.</param>
/// <param name="Shortfall">How far the claimed count is below <paramref name="Target"/>; never negative.</param>
/// <param name="Bound">What limited <paramref name="IdsToClaim"/>.</param>
public sealed record PacingDecision(int IdsToClaim, long Target, long Shortfall, PacingBound Bound);
