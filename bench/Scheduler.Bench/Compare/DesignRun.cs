namespace Scheduler.Bench.Compare;

/// <summary>One full CRM sync cycle of one design over every user.</summary>
internal sealed record DesignRun
{
    /// <summary>The design and its settings, e.g. <c>scheduler, 2 silos</c>.</summary>
    public required string Name { get; init; }

    /// <summary>From the start of the cycle to the end of its last write (and, for the baseline, its reset).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Users refreshed.</summary>
    public required long Users { get; init; }

    /// <summary>Rows copied to the target: the users and their transactions.</summary>
    public required long Rows { get; init; }

    /// <summary>What the cycle cost the legacy database.</summary>
    public required LegacyLoad Legacy { get; init; }

    /// <summary>The peak managed heap of this process over the cycle, in bytes.</summary>
    public required long PeakHeap { get; init; }

    /// <summary>The peak working set of this process over the cycle, in bytes.</summary>
    public required long PeakWorkingSet { get; init; }

    /// <summary>The most users in flight seen by a status poll; null for the baseline.</summary>
    public long? PeakInFlight { get; init; }

    /// <summary>Redis memory per enrolled id in bytes; null for a design without Redis.</summary>
    public double? RedisBytesPerId { get; init; }

    /// <summary>Users refreshed per second.</summary>
    public double UsersPerSecond => Users / Elapsed.TotalSeconds;

    /// <summary>Rows copied per second.</summary>
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}
