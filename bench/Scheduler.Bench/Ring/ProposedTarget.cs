using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Bench.Ring;

/// <summary>
/// The engine with the bench's proposed <c>claim.lua</c> and <c>complete.lua</c> (Ring/Scripts/proposed-*.lua):
/// the same keys, arguments and replies as <see cref="ScheduleRing"/>, so it runs on the engine's own ring, but
/// with per-id lookups made as one command per slice.
/// </summary>
/// <remarks>
/// The scripts are copies of the engine's with those changes applied, so they must follow the engine's keys and
/// arguments: when <see cref="ScheduleRing"/> changes them, this class and the copies change with it.
/// </remarks>
internal sealed class ProposedTarget : IClaimTarget
{
    private readonly IDatabaseAsync _database;
    private readonly RingKeys _keys;
    private readonly TimeSpan _lease;
    private readonly BenchScript _claim;
    private readonly BenchScript _complete;

    private ProposedTarget(IDatabaseAsync database, RingKeys keys, TimeSpan lease, BenchScript claim,
        BenchScript complete)
    {
        _database = database;
        _keys = keys;
        _lease = lease;
        _claim = claim;
        _complete = complete;
    }

    /// <inheritdoc />
    public string Name => "proposed";

    /// <summary>Loads the proposed scripts for the ring whose keys are <paramref name="keys"/>.</summary>
    public static async Task<ProposedTarget> CreateAsync(IDatabaseAsync database, IServer server, RingKeys keys,
        TimeSpan lease)
    {
        // Prepended as the engine prepends its common.lua, so the scripts read as the engine's would.
        var common = BenchScript.Read("proposed-common");
        var claim = await BenchScript.LoadTextAsync(server, "proposed-claim",
            common + "\n" + BenchScript.Read("proposed-claim"));
        var complete = await BenchScript.LoadTextAsync(server, "proposed-complete",
            common + "\n" + BenchScript.Read("proposed-complete"));
        return new ProposedTarget(database, keys, lease, claim, complete);
    }

    /// <inheritdoc />
    public async Task<(long BatchId, int Count)> ClaimAsync(int batchSize)
    {
        // The keys and arguments of ScheduleRing.ClaimAsync, in its order.
        RedisKey[] keys =
        [
            _keys.Ring, _keys.Members, _keys.Ghosts, _keys.Owners, _keys.Leases,
            _keys.Retry, _keys.Priority, _keys.Refreshed, _keys.Parked, _keys.Meta,
        ];
        RedisValue[] values =
        [
            NowMs(), batchSize, batchSize, (long)Math.Ceiling(_lease.TotalMilliseconds), _keys.BatchPrefix,
            RingKeys.CycleMarker, (4L * batchSize) + 1000,
        ];
        var result = (RedisResult[])(await _claim.RunAsync(_database, keys, values))!;

        // { ended, cycle, reLeased, batchCount, then per batch: id, deadline, count, ids... }
        if ((int)result[3] == 0)
        {
            return (0, 0);
        }

        var count = (int)result[6];
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (string)result[7 + i]!;
        }

        return ((long)result[4], ids.Length);
    }

    /// <inheritdoc />
    public Task AcknowledgeAsync(long batchId)
    {
        var policy = RetryPolicy.Default;
        // The keys and arguments of ScheduleRing.CompleteAsync with no failures and no worker.
        RedisKey[] keys =
        [
            _keys.Owners, _keys.Leases, _keys.Attempts, _keys.Retry, _keys.Parked, _keys.Meta, _keys.Workers,
        ];
        RedisValue[] values =
        [
            batchId, (string)_keys.Batch(batchId)!, NowMs(), policy.MaxAttempts,
            (long)policy.BackoffBase.TotalMilliseconds, (long)policy.BackoffMax.TotalMilliseconds, "",
        ];
        return _complete.RunAsync(_database, keys, values);
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
