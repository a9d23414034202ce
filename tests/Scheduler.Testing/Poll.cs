namespace Scheduler.Testing;

/// <summary>
/// Waits for a condition by checking it repeatedly until a deadline, instead of sleeping for a guessed time.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Checks <paramref name="condition"/> until it returns true, or throws when <paramref name="timeout"/> passes.
    /// </summary>
    /// <param name="condition">
    /// The check; an exception it throws counts as "not yet" and is reported if the deadline passes.
    /// </param>
    /// <param name="timeout">How long to keep checking.</param>
    /// <param name="description">What is awaited, for the timeout message.</param>
    /// <param name="cancellationToken">Stops the wait early.</param>
    /// <returns>A task that completes once the condition holds.</returns>
    /// <exception cref="TimeoutException">The condition did not hold before the deadline.</exception>
    public static async Task UntilAsync(
        Func<Task<bool>> condition,
        TimeSpan timeout,
        string description,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);

        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }

                lastError = null;
            }
#pragma warning disable CA1031 // Any failure of the probe means "not ready yet"; the last one is reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                lastError = ex;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var message = $"Timed out after {timeout.TotalSeconds:0.#} s waiting for {description}.";
                throw lastError is null
                    ? new TimeoutException(message)
                    : new TimeoutException($"{message} Last error: {lastError.Message}", lastError);
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks a synchronous <paramref name="condition"/> until it returns true, or throws when
    /// <paramref name="timeout"/> passes.
    /// </summary>
    /// <param name="condition">The check.</param>
    /// <param name="timeout">How long to keep checking.</param>
    /// <param name="description">What is awaited, for the timeout message.</param>
    /// <param name="cancellationToken">Stops the wait early.</param>
    /// <returns>A task that completes once the condition holds.</returns>
    /// <exception cref="TimeoutException">The condition did not hold before the deadline.</exception>
    public static Task UntilAsync(
        Func<bool> condition,
        TimeSpan timeout,
        string description,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);

        return UntilAsync(() => Task.FromResult(condition()), timeout, description, cancellationToken);
    }
}
