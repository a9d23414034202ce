using System.Collections.Concurrent;
using Scheduler.Ring;
using Scheduler.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// Two coordinators racing, as Orleans can briefly have during a membership change: two clients with connections
/// of their own claim and acknowledge from one ring at once, and no id is ever leased to both at the same time.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RacingClaimTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Claim_TwoClientsRacing_NoIdLeasedTwiceAtOnceAndEveryIdAccountedFor()
    {
        var count = Scenario.Scale(20_000);
        const int ClaimsPerClient = 2_000;
        var prefix = $"race-{Guid.NewGuid():N}";
        await using var first = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var second = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var rings = new[] { first, second }.Select(c => new ScheduleRing(c.GetDatabase(), "users", prefix)).ToArray();
        string[] ids = [.. Enumerable.Range(0, count).Select(i => $"user{i}")];
        await rings[0].EnrolAsync(ids);
        var ledger = new Ledger(redis.Connection, rings[0], ids);

        var holders = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var claimed = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var conflicts = new ConcurrentBag<string>();
        var cycles = new ConcurrentDictionary<long, bool>();
        await Task.WhenAll(rings.Select((ring, client) => Task.Run(async () =>
        {
            for (var i = 0; i < ClaimsPerClient; i++)
            {
                var result = await ring.ClaimAsync(new ClaimRequest(50, 25, TimeSpan.FromMinutes(5)));
                if (result.CycleEnded)
                {
                    cycles[result.Cycle - 1] = true;
                }

                foreach (var batch in result.Batches)
                {
                    foreach (var id in batch.Ids)
                    {
                        if (!holders.TryAdd(id, client))
                        {
                            conflicts.Add(id);
                        }

                        claimed.AddOrUpdate(id, 1, (_, n) => n + 1);
                    }

                    // Released before the acknowledgement, so a claim the acknowledgement allows is never
                    // mistaken for a double lease.
                    foreach (var id in batch.Ids)
                    {
                        holders.TryRemove(id, out _);
                    }

                    await ring.AcknowledgeAsync(batch.Id);
                }
            }
        })));
        var accounting = await ledger.AccountAsync("two coordinators racing");
        output.WriteLine(accounting.ToString());
        output.WriteLine($"{ClaimsPerClient * 2} claims, {cycles.Count} cycles ended, {claimed.Values.Sum()} "
            + $"leases, {conflicts.Count} ids leased twice at once");

        Assert.Empty(conflicts);
        Assert.True(accounting.Whole, accounting.ToString());
        Assert.True(cycles.Count >= 2, $"only {cycles.Count} cycles ended");
        Assert.All(ids, id => Assert.True(claimed.GetValueOrDefault(id) >= cycles.Count, $"{id} claimed too rarely"));
    }
}
