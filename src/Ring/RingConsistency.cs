namespace Scheduler.Ring;

/// <summary>The ring checked against the membership set.</summary>
public sealed record RingConsistency
{
    /// <summary>Enrolled ids (members of the set).</summary>
    public long Enrolled { get; init; }

    /// <summary>Entries in the ring besides cycle markers.</summary>
    public long RingEntries { get; init; }

    /// <summary>Cycle markers in the ring; exactly one is right.</summary>
    public long Markers { get; init; }

    /// <summary>Enrolled ids with no entry in the ring.</summary>
    public long Missing { get; init; }

    /// <summary>Extra entries of enrolled ids that appear more than once.</summary>
    public long Duplicated { get; init; }

    /// <summary>Entries that are neither enrolled nor the pending stale entry of a removed id.</summary>
    public long Foreign { get; init; }

    /// <summary>Stale entries of removed ids that claims have yet to drop; expected, not a problem.</summary>
    public long Stale { get; init; }

    /// <summary>Up to ten examples of each problem, for the report.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>
    /// True when every enrolled id is in the ring exactly once and there is one marker; a schedule nothing was
    /// ever enrolled in has no ring at all, which is consistent too.
    /// </summary>
    public bool Ok => Missing == 0 && Duplicated == 0 && Foreign == 0 && (Markers == 1 || IsUnused);

    private bool IsUnused => Markers == 0 && Enrolled == 0 && RingEntries == 0;
}
