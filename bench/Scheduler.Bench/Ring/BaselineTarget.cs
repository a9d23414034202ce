using StackExchange.Redis;

namespace Scheduler.Bench.Ring;

/// <summary>
/// The hand-written floor: one Lua call per claim that only rotates the list (LPOP n, RPUSH them), and an
/// acknowledgement that is an empty script call.
/// </summary>
internal sealed class BaselineTarget : IClaimTarget
{
    private readonly IDatabaseAsync _database;
    private readonly RedisKey[] _keys;
    private readonly BenchScript _claim;
    private readonly BenchScript _ack;
    private long _nextBatch;

    private BaselineTarget(IDatabaseAsync database, RedisKey ring, BenchScript claim, BenchScript ack)
    {
        _database = database;
        _keys = [ring];
        _claim = claim;
        _ack = ack;
    }

    /// <inheritdoc />
    public string Name => "baseline";

    /// <summary>Fills the list <paramref name="ring"/> with <paramref name="ids"/> and loads the scripts.</summary>
    public static async Task<BaselineTarget> CreateAsync(IDatabaseAsync database, IServer server, RedisKey ring,
        IReadOnlyList<string> ids)
    {
        const int Chunk = 1000;
        const int InFlight = 8;

        await database.KeyDeleteAsync(ring);
        var window = new List<Task>(InFlight);
        for (var start = 0; start < ids.Count; start += Chunk)
        {
            var values = new RedisValue[Math.Min(Chunk, ids.Count - start)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ids[start + i];
            }

            window.Add(database.ListRightPushAsync(ring, values));
            if (window.Count == InFlight)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);

        var claim = await BenchScript.LoadAsync(server, "baseline-claim");
        var ack = await BenchScript.LoadAsync(server, "baseline-ack");
        return new BaselineTarget(database, ring, claim, ack);
    }

    /// <inheritdoc />
    public async Task<(long BatchId, int Count)> ClaimAsync(int batchSize)
    {
        var result = await _claim.RunAsync(_database, _keys, [batchSize]);

        // The ids are turned into strings as the engine's client does, so both pay the same parsing.
        var popped = (RedisResult[])result!;
        var ids = new string[popped.Length];
        for (var i = 0; i < popped.Length; i++)
        {
            ids[i] = (string)popped[i]!;
        }

        return (Interlocked.Increment(ref _nextBatch), ids.Length);
    }

    /// <inheritdoc />
    public Task AcknowledgeAsync(long batchId) => _ack.RunAsync(_database, _keys, [batchId]);
}
