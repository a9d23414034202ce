using Orleans.Runtime;
using StackExchange.Redis;

namespace Scheduler.Silo;

/// <summary>Decides whether the silo can take work: it is active in the cluster and Redis answers PING.</summary>
internal sealed class ReadinessProbe(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IConnectionMultiplexer redis)
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Null when ready, otherwise a short reason.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var status = membership.CurrentSnapshot.Members.TryGetValue(silo.SiloAddress, out var member)
            ? member.Status
            : SiloStatus.None;
        if (status != SiloStatus.Active)
        {
            return $"silo is {status}, not Active";
        }

        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The exception text may carry the endpoint but never the password; keep the reason short anyway.
            return "redis does not answer PING";
        }
    }
}
