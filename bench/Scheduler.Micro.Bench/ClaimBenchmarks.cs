using System.Globalization;
using BenchmarkDotNet.Attributes;
using Scheduler.Ring;
using Scheduler.Testing;

namespace Scheduler.Micro.Bench;

/// <summary>
/// One claim script call and the acknowledgement of its batch against a real <c>redis-server</c>: the coordinator's
/// cost per batch on the Redis side, round trip included.
/// </summary>
[MemoryDiagnoser]
public class ClaimBenchmarks
{
    private const int Ids = 100_000;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private readonly RedisServerFixture _redis = new();
    private ScheduleRing _ring = null!;
    private ClaimRequest _request = null!;

    /// <summary>Ids per batch, and per claim call.</summary>
    [Params(100, 500)]
    public int BatchSize { get; set; }

    /// <summary>Starts redis-server and enrols the ids.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        await _redis.InitializeAsync();
        _ring = new ScheduleRing(_redis.Connection.GetDatabase(), "micro",
            "micro" + BatchSize.ToString(CultureInfo.InvariantCulture));
        await _ring.EnrolAsync(Enumerable.Range(0, Ids)
            .Select(i => "rec:" + i.ToString("D8", CultureInfo.InvariantCulture))
            .ToArray());
        _request = new ClaimRequest(BatchSize, BatchSize, Lease);
    }

    /// <summary>Stops redis-server.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _redis.DisposeAsync();

    /// <summary>Claims one batch and acknowledges it; at the cycle's end starts the next cycle first.</summary>
    [Benchmark]
    public async Task<int> ClaimAndAcknowledge()
    {
        var claim = await _ring.ClaimAsync(_request);
        if (claim.Batches.Count == 0)
        {
            await _ring.ForceCycleAsync();
            claim = await _ring.ClaimAsync(_request);
        }

        foreach (var batch in claim.Batches)
        {
            await _ring.AcknowledgeAsync(batch.Id);
        }

        return claim.Count;
    }
}
