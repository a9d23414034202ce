using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

/// <summary>
/// Redis killed with SIGKILL and started again from its append-only file: the ring comes back whole and the
/// engine sends its scripts again, which the restarted server no longer has.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRestartTests(RedisServerFixture redis) : RingTestBase(redis)
{
    [Fact]
    public async Task Claim_AfterRedisIsKilledAndRestarted_ReloadsScriptsAndLosesNothing()
    {
        var ring = NewRing();
        var ids = Ids(5000);
        await ring.EnrolAsync(ids);
        var inFlight = await ring.ClaimAsync(Claim(1200, 500));
        await redis.RewriteAofAsync();

        await redis.KillAsync();
        await redis.RestartAsync();
        var rest = await RunCycleAsync(ring, maxIds: 2000, batchSize: 500);
        var check = await ring.VerifyAsync();

        Assert.Equal(3800, rest.Count);
        Assert.Equal(ids.Order(), rest.Concat(inFlight.Batches.SelectMany(b => b.Ids)).Order());
        Assert.True(check.Ok, string.Join("; ", check.Examples));
        Assert.Equal(5000, check.Enrolled);
        Assert.Equal(1200, (await ring.GetCountsAsync()).InFlight);
    }
}
