using StackExchange.Redis;

namespace Scheduler.Silo;

/// <summary>
/// Holds the silo back until Redis answers, when Redis holds the cluster's membership. Orleans' Redis membership
/// table fails the whole process if Redis is away at start; waiting here turns a crash loop into a clear log line,
/// and a clear one-line exit if Redis stays away.
/// </summary>
/// <remarks>Registered before the silo, so it starts first: hosted services start in registration order.</remarks>
internal sealed class RedisStartupGate(IConnectionMultiplexer redis, ILogger<RedisStartupGate> logger) : IHostedService
{
    /// <summary>How long the silo waits for Redis before giving up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoints = string.Join(", ", redis.GetEndPoints().Select(e => e.ToString()));
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            try
            {
                await redis.GetDatabase().PingAsync().ConfigureAwait(false);
                return;
            }
            catch (RedisException e)
            {
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw new RedisUnavailableException(
                        $"Redis at {endpoints} (ConnectionStrings:Redis) did not answer within "
                        + $"{Patience.TotalMinutes:0} minutes: {Reason(e)}", e);
                }

                SiloLog.WaitingForRedis(logger, endpoints, Reason(e));
            }

            await Task.Delay(Retry, cancellationToken).ConfigureAwait(false);
        }
    }

    // StackExchange.Redis appends connection diagnostics after " - "; the first clause says what happened.
    private static string Reason(RedisException e) => e.Message.Split('\n')[0].Split(" - ")[0];

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
