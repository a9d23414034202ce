namespace Scheduler.Ring.Tests;

/// <summary>
/// A plain in-memory model of the guarantees, fed with what the real ring answered. Each method applies one
/// operation's result and throws when the ring broke a guarantee: an id leased twice at once, an id handed out
/// before its backoff ended, an id claimed twice in one cycle, a cycle that ended before every id came round.
/// </summary>
public sealed class RingModel(RetryPolicy policy)
{
    private readonly HashSet<string> _members = [];
    private readonly Dictionary<string, long> _leasedTo = [];
    private readonly Dictionary<string, long> _retryAt = [];
    private readonly Dictionary<long, long> _deadlines = [];
    private readonly List<long> _batches = [];
    private readonly Dictionary<long, IReadOnlyList<string>> _batchIds = [];
    private readonly Dictionary<string, int> _attempts = [];
    private readonly HashSet<string> _parked = [];
    private readonly Dictionary<string, int> _claimedThisCycle = [];
    private readonly HashSet<string> _dueThisCycle = [];
    private readonly HashSet<string> _exempt = [];

    public IReadOnlyCollection<string> Members => _members;

    public IReadOnlyCollection<string> Parked => _parked;

    public long InFlight => _leasedTo.Count + _retryAt.Count;

    public int CyclesCompleted { get; private set; }

    /// <summary>Batches the model believes a worker may still complete, oldest first.</summary>
    public IReadOnlyList<long> Batches => _batches;

    /// <summary>The ids a batch was leased with.</summary>
    public IReadOnlyList<string> IdsOf(long batch) => _batchIds[batch];

    /// <summary>Every id enrolled before the first claim must come round in the first cycle.</summary>
    public void BeginFirstCycle() => _dueThisCycle.UnionWith(_members);

    public void Enrolled(string[] ids, EnrolResult result)
    {
        var expected = ids.Distinct().Count(id => !_members.Contains(id));
        Check(result.Added == expected, $"enrol added {result.Added}, expected {expected}");
        _members.UnionWith(ids);
    }

    public void Removed(string[] ids, int removed)
    {
        var expected = ids.Distinct().Count(_members.Contains);
        Check(removed == expected, $"remove reported {removed}, expected {expected}");

        foreach (var id in ids)
        {
            _members.Remove(id);
            _leasedTo.Remove(id);
            _retryAt.Remove(id);
            _attempts.Remove(id);
            _parked.Remove(id);
            _dueThisCycle.Remove(id);

            // Removing and enrolling again within a cycle may legitimately bring an id round twice.
            _exempt.Add(id);
        }
    }

    public void RefreshRequested(string[] ids, int queued)
    {
        var expected = ids.Count(id => _members.Contains(id) && !_parked.Contains(id));
        Check(queued == expected, $"refresh queued {queued}, expected {expected}");

        // The priority lane refreshes on demand, so these ids may be claimed more than once per cycle.
        _exempt.UnionWith(ids);
    }

    public void Requeued(string[] ids, int requeued)
    {
        var expected = ids.Length == 0 ? _parked.Count : ids.Distinct().Count(_parked.Contains);
        Check(requeued == expected, $"requeue reported {requeued}, expected {expected}");

        var chosen = ids.Length == 0 ? _parked.ToArray() : ids;
        foreach (var id in chosen.Where(_parked.Contains))
        {
            _parked.Remove(id);
            _attempts.Remove(id);
            _exempt.Add(id);
        }
    }

    public void Claimed(ClaimResult result, long now)
    {
        var seen = new HashSet<string>();
        var fresh = 0;

        foreach (var batch in result.Batches)
        {
            Check(batch.Ids.Count > 0, $"batch {batch.Id} is empty");
            foreach (var id in batch.Ids)
            {
                Check(_members.Contains(id), $"claimed {id}, which is not enrolled");
                Check(seen.Add(id), $"claimed {id} twice in one claim");

                if (_leasedTo.TryGetValue(id, out var holder))
                {
                    Check(_deadlines[holder] <= now, $"leased {id} again while batch {holder} still held it");
                }
                else if (_retryAt.TryGetValue(id, out var due))
                {
                    Check(due <= now, $"handed out {id} before its backoff ended");
                    _retryAt.Remove(id);
                }
                else
                {
                    Check(!_parked.Contains(id), $"claimed parked id {id}");
                    var times = _claimedThisCycle.GetValueOrDefault(id) + 1;
                    _claimedThisCycle[id] = times;
                    Check(times == 1 || _exempt.Contains(id), $"claimed {id} {times} times in one cycle");
                    fresh++;
                }

                _leasedTo[id] = batch.Id;
            }

            _deadlines[batch.Id] = batch.Deadline.ToUnixTimeMilliseconds();
            _batchIds[batch.Id] = batch.Ids;
            _batches.Add(batch.Id);
        }

        // New ids come only after every expired lease and every due retry has been handed out again.
        if (fresh > 0)
        {
            Check(!_leasedTo.Any(l => _deadlines[l.Value] <= now), "claimed new ids while an expired lease waited");
            Check(!_retryAt.Any(r => r.Value <= now), "claimed new ids while a due retry waited");
        }

        if (result.CycleEnded)
        {
            EndCycle();
        }
    }

    public void Completed(long batch, string[] failed, CompletionResult result, long now)
    {
        var held = _leasedTo.Where(l => l.Value == batch).Select(l => l.Key).ToList();
        int processed = 0, retrying = 0, parkedNow = 0;

        foreach (var id in held)
        {
            _leasedTo.Remove(id);
            if (!failed.Contains(id))
            {
                _attempts.Remove(id);
                processed++;
                continue;
            }

            var attempts = _attempts.GetValueOrDefault(id) + 1;
            if (attempts >= policy.MaxAttempts)
            {
                _attempts.Remove(id);
                _parked.Add(id);
                parkedNow++;
            }
            else
            {
                _attempts[id] = attempts;
                var backoff = Math.Min(policy.BackoffMax.TotalMilliseconds,
                    policy.BackoffBase.TotalMilliseconds * Math.Pow(2, attempts - 1));
                _retryAt[id] = now + (long)backoff;
                retrying++;
            }
        }

        _batches.Remove(batch);
        var expected = new CompletionResult(processed, retrying, parkedNow, result.Stale);
        Check(result == expected, $"completing batch {batch} gave {result}, expected {expected}");
        Check(!result.Stale || held.Count == 0, $"batch {batch} was reported stale while it held {held.Count} ids");
    }

    public void Matches(RingCounts counts, RingConsistency consistency)
    {
        Check(consistency.Ok, "the ring is inconsistent: " + string.Join("; ", consistency.Examples));
        Check(consistency.Enrolled == _members.Count, $"{consistency.Enrolled} enrolled, expected {_members.Count}");
        Check(counts.Parked == _parked.Count, $"{counts.Parked} parked, expected {_parked.Count}");
        Check(counts.InFlight == InFlight, $"{counts.InFlight} in flight, expected {InFlight}");
    }

    private void EndCycle()
    {
        var skipped = _dueThisCycle.Where(id => !_claimedThisCycle.ContainsKey(id)).ToList();
        Check(skipped.Count == 0, $"the cycle ended without claiming {string.Join(",", skipped)}");

        CyclesCompleted++;
        _claimedThisCycle.Clear();
        _dueThisCycle.Clear();

        // An id already in flight or parked when a cycle starts may be passed over in it; every other id
        // enrolled for the whole cycle must come round exactly once.
        _dueThisCycle.UnionWith(_members.Where(id =>
            !_leasedTo.ContainsKey(id) && !_retryAt.ContainsKey(id) && !_parked.Contains(id)));
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
