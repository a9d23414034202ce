namespace Scheduler.Ring;

/// <summary>How failed records are retried before they are parked.</summary>
/// <param name="MaxAttempts">Failures in a row after which a record is parked.</param>
/// <param name="BackoffBase">The wait after the first failure; it doubles with each further failure.</param>
/// <param name="BackoffMax">The longest wait between attempts.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BackoffBase, TimeSpan BackoffMax)
{
    /// <summary>Five attempts, waiting 5 s, 10 s, 20 s, 40 s between them.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffBase, TimeSpan.Zero, nameof(BackoffBase));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffMax, BackoffBase, nameof(BackoffMax));
    }
}
