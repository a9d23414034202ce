namespace Scheduler.Bench.Ring;

/// <summary>Hands out ids in batches and takes them back: the engine, or what it is measured against.</summary>
internal interface IClaimTarget
{
    /// <summary>A short name for the figures.</summary>
    string Name { get; }

    /// <summary>Claims up to <paramref name="batchSize"/> ids as one batch; returns its id and size.</summary>
    Task<(long BatchId, int Count)> ClaimAsync(int batchSize);

    /// <summary>Acknowledges a batch returned by <see cref="ClaimAsync"/>.</summary>
    Task AcknowledgeAsync(long batchId);
}
