using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Testing;
using StackExchange.Redis;

namespace Scheduler.Ring.Tests;

/// <summary>
/// What every ring test needs: a server, a fake clock, and a ring of its own under a unique schedule name so
/// tests sharing a server never see each other's keys.
/// </summary>
public abstract class RingTestBase(IRedisEndpoint endpoint)
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected IRedisEndpoint Endpoint { get; } = endpoint;

    protected IDatabase Database => Endpoint.Connection.GetDatabase();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected ScheduleRing NewRing([CallerMemberName] string test = "")
    {
        var stem = test.Length > 40 ? test[..40] : test;
        return new ScheduleRing(Database, $"{stem}-{Guid.NewGuid().ToString("N")[..8]}", "test", Time);
    }

    protected static string[] Ids(int count, string prefix = "id") =>
        Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();

    protected static ClaimRequest Claim(int maxIds, int batchSize = 100) => new(maxIds, batchSize, Lease);

    /// <summary>Claims and acknowledges until the cycle ends; returns every id claimed, in order.</summary>
    protected static async Task<List<string>> RunCycleAsync(ScheduleRing ring, int maxIds = 1000, int batchSize = 100)
    {
        var claimed = new List<string>();
        for (var guard = 0; guard < 1_000_000; guard++)
        {
            var result = await ring.ClaimAsync(Claim(maxIds, batchSize));
            foreach (var batch in result.Batches)
            {
                claimed.AddRange(batch.Ids);
                await ring.AcknowledgeAsync(batch.Id);
            }

            if (result.CycleEnded)
            {
                return claimed;
            }
        }

        throw new InvalidOperationException("The cycle never ended: the ring has no cycle marker.");
    }

    protected async Task<long> KeyCountAsync(ScheduleRing ring)
    {
        var server = Endpoint.Connection.GetServers()[0];
        var count = 0L;
        await foreach (var _ in server.KeysAsync(pattern: ring.Keys.Tag.Replace("{", "\\{").Replace("}", "\\}") + "*"))
        {
            count++;
        }

        return count;
    }
}
