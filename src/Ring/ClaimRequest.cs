namespace Scheduler.Ring;

/// <summary>What one claim may take.</summary>
/// <param name="MaxIds">The most ids to lease, over all batches.</param>
/// <param name="BatchSize">The most ids in one batch.</param>
/// <param name="LeaseDuration">How long a worker has to complete a batch before it is handed out again.</param>
public sealed record ClaimRequest(int MaxIds, int BatchSize, TimeSpan LeaseDuration)
{
    /// <summary>
    /// Whether the claim may take ids from the ring (and so start or advance a cycle). Between cycles a
    /// coordinator sets it to false: expired leases, due retries and the priority lane are still served.
    /// </summary>
    public bool IncludeRing { get; init; } = true;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIds, nameof(MaxIds));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseDuration, TimeSpan.FromMilliseconds(1), nameof(LeaseDuration));
    }
}
