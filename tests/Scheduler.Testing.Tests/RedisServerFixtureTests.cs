using StackExchange.Redis;
using Xunit;

namespace Scheduler.Testing.Tests;

/// <summary>Proves that <see cref="RedisServerFixture"/> runs a real server that survives a crash.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisServerFixtureTests(RedisServerFixture redis)
{
    /// <summary>The shared connection reaches the server.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task AnswersPing()
    {
        var latency = await redis.Connection.GetDatabase().PingAsync();

        Assert.True(latency >= TimeSpan.Zero);
        Assert.Equal("redis", redis.Name);
    }

    /// <summary>A key written before a SIGKILL is replayed from the append-only file after the restart.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task KeepsDataAcrossKillAndRestart()
    {
        Assert.False(redis.IsExternal, $"{RedisServerFixture.ExternalServerVariable} is set; this test needs " +
            "a server the fixture starts.");

        RedisKey key = $"fixture-test:{Guid.NewGuid():N}";
        var database = redis.Connection.GetDatabase();
        await database.StringSetAsync(key, "survives");
        await redis.RewriteAofAsync();

        await redis.KillAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectAsync(redis.ConnectionString));

        await redis.RestartAsync();

        Assert.Equal("survives", (string?)await redis.Connection.GetDatabase().StringGetAsync(key));
    }

    // A fresh connection that gives up at once tells "server down" apart from a slow command on the old one.
    private static async Task ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 0;

        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
    }
}
