using StackExchange.Redis;

namespace Scheduler.Ring;

public sealed partial class ScheduleRing
{
    /// <summary>
    /// Claims up to <see cref="ClaimRequest.MaxIds"/> ids in one atomic script call and leases them in batches:
    /// first batches whose lease ran out, then failed ids whose backoff is over, then the priority lane, then
    /// the ring, stopping at the cycle marker. Two callers can never lease the same id at the same time.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(ClaimRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();

        RedisKey[] keys =
        [
            Keys.Ring, Keys.Members, Keys.Ghosts, Keys.Owners, Keys.Leases,
            Keys.Retry, Keys.Priority, Keys.Refreshed, Keys.Parked, Keys.Meta,
        ];
        RedisValue[] values =
        [
            NowMs(),
            request.MaxIds,
            request.BatchSize,
            (long)Math.Ceiling(request.LeaseDuration.TotalMilliseconds),
            Keys.BatchPrefix,
            RingKeys.CycleMarker,
            ScanLimit(request.MaxIds),
            request.IncludeRing ? 1 : 0,
        ];

        var result = (RedisResult[])(await EvaluateAsync(RingScripts.Claim, keys, values).ConfigureAwait(false))!;
        var claim = ParseClaim(result);

        if (claim.Batches.Count > 0)
        {
            Log.Claimed(_logger, Schedule, claim.Count, claim.Batches.Count, claim.ReLeased);
        }

        if (claim.CycleEnded)
        {
            Log.CycleEnded(_logger, Schedule, claim.Cycle - 1);
        }

        return claim;
    }

    /// <summary>Acknowledges every id of batch <paramref name="batchId"/> as refreshed.</summary>
    public Task<CompletionResult> AcknowledgeAsync(long batchId, string? worker = null) =>
        CompleteAsync(batchId, [], RetryPolicy.Default, worker);

    /// <summary>
    /// Completes batch <paramref name="batchId"/>: its ids are acknowledged except those in
    /// <paramref name="failures"/>, which are retried after a backoff or parked once they have failed
    /// <see cref="RetryPolicy.MaxAttempts"/> times in a row. Costs O(batch). When <paramref name="worker"/> is
    /// given (a silo's name), the ids refreshed are added to its count for status.
    /// </summary>
    public async Task<CompletionResult> CompleteAsync(long batchId, IReadOnlyList<RecordFailure> failures,
        RetryPolicy policy, string? worker = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();

        RedisKey[] keys = [Keys.Owners, Keys.Leases, Keys.Attempts, Keys.Retry, Keys.Parked, Keys.Meta, Keys.Workers];
        var values = new RedisValue[7 + (failures.Count * 3)];
        values[0] = batchId;
        values[1] = (string)Keys.Batch(batchId)!;
        values[2] = NowMs();
        values[3] = policy.MaxAttempts;
        values[4] = (long)policy.BackoffBase.TotalMilliseconds;
        values[5] = (long)policy.BackoffMax.TotalMilliseconds;
        values[6] = worker ?? "";
        for (var i = 0; i < failures.Count; i++)
        {
            values[7 + (3 * i)] = failures[i].Id;
            values[8 + (3 * i)] = Truncate(failures[i].Error);
            values[9 + (3 * i)] = failures[i].Permanent ? 1 : 0;
        }

        var result = (RedisResult[])(await EvaluateAsync(RingScripts.Complete, keys, values).ConfigureAwait(false))!;
        var completion = new CompletionResult((int)result[0], (int)result[1], (int)result[2], (int)result[3] == 1);

        if (completion.Stale)
        {
            Log.StaleCompletion(_logger, Schedule, batchId);
        }
        else
        {
            Log.Completed(_logger, Schedule, batchId, completion.Processed, completion.Retrying, completion.Parked);
        }

        if (completion.Parked > 0)
        {
            Log.Parked(_logger, Schedule, batchId, completion.Parked);
        }

        return completion;
    }

    // A claim may meet entries it must skip (in flight, parked, stale); bounding the scan keeps one
    // call short even when a large part of the ring is skipped, and the next tick goes on from there.
    private static long ScanLimit(int maxIds) => (4L * maxIds) + 1000;

    // Errors are kept with parked ids; a huge exception text must not bloat Redis.
    private static string Truncate(string? error)
    {
        const int Max = 1000;
        error ??= "";
        return error.Length <= Max ? error : error[..Max] + "…";
    }

    private static ClaimResult ParseClaim(RedisResult[] result)
    {
        var ended = (int)result[0] == 1;
        var cycle = (long)result[1];
        var reLeased = (int)result[2];
        var batchCount = (int)result[3];

        var batches = new List<Batch>(batchCount);
        var at = 4;
        for (var b = 0; b < batchCount; b++)
        {
            var id = (long)result[at];
            var deadline = FromMs((long)result[at + 1]);
            var count = (int)result[at + 2];
            var ids = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = (string)result[at + 3 + i]!;
            }

            batches.Add(new Batch(id, deadline, ids));
            at += 3 + count;
        }

        return new ClaimResult(batches, ended, cycle, reLeased);
    }
}
