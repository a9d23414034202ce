namespace StatusColumn.Baseline;

/// <summary>How the status-column refresher runs: parallel workers, each claiming chunks of pending users.</summary>
/// <param name="Workers">Parallel workers, each with its own connection; below <see cref="MaxWorkers"/>.</param>
/// <param name="ChunkSize">Users claimed by one <c>SELECT … LIMIT</c>.</param>
public sealed record StatusColumnSettings(int Workers, int ChunkSize)
{
    /// <summary>
    /// The most workers allowed. On MariaDB 10.11, 50 or more concurrent <c>SKIP LOCKED</c> claimers were seen to
    /// hang on lock waits that no timeout ended, so a run that would hang is refused rather than started.
    /// </summary>
    public const int MaxWorkers = 49;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Workers or chunk size out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Workers, MaxWorkers, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkSize, 1, nameof(ChunkSize));
    }
}
