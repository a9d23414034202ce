namespace Scheduler.Bench.Infrastructure;

/// <summary>
/// CPU time used by this process and by each server it started, by the server's program name (<c>mariadbd</c>,
/// <c>redis-server</c>), so that a benchmark can tell which of them a difference comes from.
/// </summary>
/// <param name="Process">This process: the silos, the client and the data client when they run in it.</param>
/// <param name="Children">Each started program's CPU time, by program name.</param>
internal sealed record CpuSample(TimeSpan Process, IReadOnlyDictionary<string, TimeSpan> Children)
{
    /// <summary>This process and every server it started.</summary>
    public TimeSpan Total => Children.Values.Aggregate(Process, (sum, time) => sum + time);

    /// <summary>The CPU time of the started program <paramref name="name"/>, zero if none ran.</summary>
    public TimeSpan Of(string name) => Children.GetValueOrDefault(name);

    /// <summary>What was used between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static CpuSample operator -(CpuSample after, CpuSample before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);

        var children = after.Children.ToDictionary(c => c.Key, c => c.Value - before.Of(c.Key), StringComparer.Ordinal);
        return new CpuSample(after.Process - before.Process, children);
    }
}
