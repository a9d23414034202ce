namespace Scheduler.Ring;

/// <summary>The outcome of one claim.</summary>
/// <param name="Batches">The batches leased, possibly none.</param>
/// <param name="CycleEnded">Whether the claim reached the cycle marker, which ends the cycle.</param>
/// <param name="Cycle">The current cycle number after the claim (one more than before when the cycle ended).</param>
/// <param name="ReLeased">How many of the ids came from batches whose lease had run out.</param>
public sealed record ClaimResult(IReadOnlyList<Batch> Batches, bool CycleEnded, long Cycle, int ReLeased)
{
    /// <summary>The number of ids leased.</summary>
    public int Count => Batches.Sum(b => b.Ids.Count);
}
