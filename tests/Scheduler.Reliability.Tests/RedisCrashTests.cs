using Scheduler.Ring;
using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// redis-server killed with SIGKILL mid-cycle and restarted from its append-only file (<c>appendfsync everysec</c>,
/// so up to a second of writes may be gone): the silos reconnect, scripts reload and the cycle completes.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisCrashTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task KillRedis_MidCycleAndRestartFromAof_EveryIdAccountedForAndProcessed()
    {
        var count = Scenario.Scale(20_000);
        await using var scenario = await Scenario.StartAsync(redis, output, silos: 2, new Dictionary<string, string>
        {
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "2000",

            // Batches that take half a second keep about a thousand ids in flight when the server dies.
            ["Simulated:Latency"] = "00:00:00.500",
        });
        await scenario.EnrolAsync(count);

        // The enrolment is made durable first: what is under test is the cycle, not an enrolment the crash undid.
        await redis.RewriteAofAsync();
        var cycle = await scenario.ForceCycleAsync();
        RingCounts before = null!;
        await Poll.UntilAsync(
            async () =>
            {
                before = await scenario.Ring.GetCountsAsync();
                return before.Processed >= count / 4 && before.InFlight > 0;
            },
            TimeSpan.FromSeconds(90),
            "a quarter of the cycle processed with batches in flight");
        await redis.KillAsync();
        await redis.RestartAsync();
        var after = await scenario.Ring.GetCountsAsync();
        output.WriteLine($"before the kill: cycle {before.Cycle}, {before.Processed} processed, {before.InFlight} "
            + $"in flight; after the restart: cycle {after.Cycle}, {after.Processed} processed, {after.InFlight} "
            + "in flight");
        await scenario.CompleteCycleAsync(cycle);

        var accounting = await scenario.AccountAsync("redis kill -9 mid-cycle, restart from AOF");

        Assert.True(accounting.Whole, accounting.ToString());
    }
}
