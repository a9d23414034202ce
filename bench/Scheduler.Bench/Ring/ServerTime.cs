using Scheduler.Bench.Infrastructure;
using StackExchange.Redis;

namespace Scheduler.Bench.Ring;

/// <summary>
/// Splits a target's cost on the server between claim and acknowledgement, from INFO commandstats: the
/// microseconds Redis spent inside EVALSHA, per id, with the client's time and the network left out.
/// </summary>
internal static class ServerTime
{
    /// <summary>
    /// Claims <paramref name="batches"/> batches of <paramref name="batchSize"/>, then acknowledges them, and
    /// returns the server's microseconds per id for each half; null where the server keeps no command statistics.
    /// </summary>
    public static async Task<(double ClaimUsPerId, double AckUsPerId)?> MeasureAsync(IServer server,
        IClaimTarget target, int batchSize, int batches)
    {
        if (!await ServerStats.TryResetAsync(server))
        {
            return null;
        }

        var claimed = new List<long>(batches);
        long ids = 0;
        for (var i = 0; i < batches; i++)
        {
            var (batchId, count) = await target.ClaimAsync(batchSize);
            claimed.Add(batchId);
            ids += count;
        }

        var claim = await ServerStats.CommandAsync(server, "evalsha");

        await ServerStats.TryResetAsync(server);
        foreach (var batchId in claimed)
        {
            await target.AcknowledgeAsync(batchId);
        }

        var ack = await ServerStats.CommandAsync(server, "evalsha");
        if (claim is null || ack is null || ids == 0)
        {
            return null;
        }

        return ((double)claim.Value.Usec / ids, (double)ack.Value.Usec / ids);
    }
}
