using StackExchange.Redis;

namespace Scheduler.Ring;

public sealed partial class ScheduleRing
{
    /// <summary>Reads the schedule's counts in one atomic O(1) step.</summary>
    public async Task<RingCounts> GetCountsAsync()
    {
        RedisKey[] keys =
        [
            Keys.Ring, Keys.Members, Keys.Owners, Keys.Retry,
            Keys.Parked, Keys.Priority, Keys.Leases, Keys.Meta,
        ];
        var result = (RedisResult[])(await EvaluateAsync(RingScripts.Counts, keys, [NowMs()])
            .ConfigureAwait(false))!;

        var meta = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 7; i + 1 < result.Length; i += 2)
        {
            if (long.TryParse((string?)result[i + 1], out var value))
            {
                meta[(string)result[i]!] = value;
            }
        }

        var ringLength = (long)result[1];
        return new RingCounts
        {
            Enrolled = (long)result[0],
            RingEntries = Math.Max(0, ringLength - 1),
            InFlight = (long)result[2],
            Retrying = (long)result[3],
            Parked = (long)result[4],
            Priority = (long)result[5],
            LeasedBatches = (long)result[6],
            Cycle = meta.GetValueOrDefault("cycle", 1),
            ClaimedThisCycle = meta.GetValueOrDefault("claimed"),
            CycleStartedAt = meta.TryGetValue("started", out var started) ? FromMs(started) : null,
            LastCycleEndedAt = meta.TryGetValue("ended", out var ended) ? FromMs(ended) : null,
            LastCycleStartedAt = meta.TryGetValue("laststarted", out var lastStarted) ? FromMs(lastStarted) : null,
            Forced = meta.TryGetValue("forced", out var forced) && forced == meta.GetValueOrDefault("cycle", 1),
            Processed = meta.GetValueOrDefault("processed"),
            Failed = meta.GetValueOrDefault("failed"),
            Paused = meta.GetValueOrDefault("paused") == 1,
        };
    }

    /// <summary>
    /// Marks the current cycle as forced, so a coordinator runs it as fast as the limits allow instead of pacing
    /// it over the period; returns its number. The mark lives in Redis, so any coordinator activation sees it.
    /// </summary>
    public async Task<long> ForceCycleAsync() =>
        (long)await EvaluateAsync(RingScripts.Force, [Keys.Meta], []).ConfigureAwait(false);

    /// <summary>Per worker (silo), the ids it acknowledged as refreshed over the schedule's life.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetProcessedByWorkerAsync()
    {
        var entries = await ((IDatabase)_database).HashGetAllAsync(Keys.Workers).ConfigureAwait(false);
        return entries.ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal);
    }

    /// <summary>Stops claims: <see cref="ClaimAsync"/> leases nothing until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => _database.HashSetAsync(Keys.Meta, "paused", 1);

    /// <summary>Lets claims go on after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync() => _database.HashSetAsync(Keys.Meta, "paused", 0);

    /// <summary>Lists up to <paramref name="max"/> parked ids with their last error.</summary>
    public async Task<IReadOnlyList<ParkedRecord>> ListParkedAsync(int max = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);

        var parked = new List<ParkedRecord>();
        var entries = ((IDatabase)_database).HashScanAsync(Keys.Parked, pageSize: 500);
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            if (parked.Count >= max)
            {
                break;
            }

            parked.Add(new ParkedRecord(entry.Name!, entry.Value!));
        }

        return parked;
    }

    /// <summary>
    /// Re-queues parked ids through the priority lane and clears their failure count; every parked id when
    /// <paramref name="ids"/> is empty. Returns how many were parked and are now queued.
    /// </summary>
    public async Task<int> RequeueParkedAsync(IReadOnlyList<string> ids)
    {
        RecordIds.ValidateAll(ids);

        RedisKey[] keys = [Keys.Parked, Keys.Attempts, Keys.Priority];
        if (ids.Count == 0)
        {
            return (int)await EvaluateAsync(RingScripts.Requeue, keys, [NowMs()]).ConfigureAwait(false);
        }

        return await RunChunkedAsync(ids, RingScripts.Requeue, keys, NowMs()).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the ring against the membership set from one atomic snapshot. This reads the whole ring, so it is
    /// for the consistency check, never for a tick.
    /// </summary>
    public async Task<RingConsistency> VerifyAsync()
    {
        var snapshot = ((IDatabase)_database).CreateTransaction();
        var ringTask = snapshot.ListRangeAsync(Keys.Ring);
        var membersTask = snapshot.SetMembersAsync(Keys.Members);
        var ghostsTask = snapshot.HashGetAllAsync(Keys.Ghosts);
        if (!await snapshot.ExecuteAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("Redis refused the snapshot transaction of the consistency check.");
        }

        return RingAudit.Check(await ringTask.ConfigureAwait(false), await membersTask.ConfigureAwait(false),
            await ghostsTask.ConfigureAwait(false));
    }

    /// <summary>
    /// Repairs what <see cref="VerifyAsync"/> reports, in one atomic script that reads and may rewrite the whole
    /// ring: enrolled ids missing from the ring go to its head (so they are refreshed this cycle), foreign
    /// entries, extra duplicates and extra cycle markers are removed, and a missing marker is added at the tail.
    /// Stale entries of removed ids, which claims drop on their own, are left. The order of the rest is kept.
    /// Like <see cref="VerifyAsync"/>, it is O(ring): for an operator's repair, never for a tick.
    /// </summary>
    public async Task<RepairResult> RepairAsync()
    {
        RedisKey[] keys = [Keys.Ring, Keys.Members, Keys.Ghosts];
        var result = (RedisResult[])(await EvaluateAsync(RingScripts.Repair, keys, [RingKeys.CycleMarker])
            .ConfigureAwait(false))!;
        var repair = new RepairResult((long)result[0], (long)result[1], (long)result[2], (long)result[3],
            (long)result[4]);
        if (!repair.NothingToRepair)
        {
            Log.Repaired(_logger, Schedule, repair.MissingRestored, repair.ForeignRemoved, repair.DuplicatesRemoved,
                repair.MarkersAdded, repair.MarkersRemoved);
        }

        return repair;
    }
}
