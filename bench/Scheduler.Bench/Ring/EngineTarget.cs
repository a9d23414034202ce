using Scheduler.Ring;

namespace Scheduler.Bench.Ring;

/// <summary>The ring engine as it ships: one <see cref="ScheduleRing.ClaimAsync"/> and one acknowledgement.</summary>
internal sealed class EngineTarget(ScheduleRing ring, TimeSpan lease) : IClaimTarget
{
    /// <inheritdoc />
    public string Name => "engine";

    /// <inheritdoc />
    public async Task<(long BatchId, int Count)> ClaimAsync(int batchSize)
    {
        var claim = await ring.ClaimAsync(new ClaimRequest(batchSize, batchSize, lease));

        // MaxIds equals BatchSize, so a claim yields one batch at most.
        return claim.Batches.Count == 0 ? (0, 0) : (claim.Batches[0].Id, claim.Batches[0].Ids.Count);
    }

    /// <inheritdoc />
    public Task AcknowledgeAsync(long batchId) => ring.AcknowledgeAsync(batchId);
}
