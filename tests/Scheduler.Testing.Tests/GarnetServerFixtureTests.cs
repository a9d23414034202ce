using StackExchange.Redis;
using Xunit;

namespace Scheduler.Testing.Tests;

/// <summary>Proves that <see cref="GarnetServerFixture"/> runs an embedded Garnet with Lua enabled.</summary>
[Collection(GarnetCollection.Name)]
public sealed class GarnetServerFixtureTests(GarnetServerFixture garnet)
{
    /// <summary>The shared connection reaches the server.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task AnswersPing()
    {
        var latency = await garnet.Connection.GetDatabase().PingAsync();

        Assert.True(latency >= TimeSpan.Zero);
        Assert.Equal("garnet", garnet.Name);
    }

    /// <summary>EVAL runs a script that reads its key and argument.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task RunsLuaScripts()
    {
        RedisKey key = $"fixture-test:{Guid.NewGuid():N}";
        var database = garnet.Connection.GetDatabase();

        var result = await database.ScriptEvaluateAsync(
            "redis.call('SET', KEYS[1], ARGV[1]); return redis.call('INCRBY', KEYS[1], 2)",
            [key],
            [40]);

        Assert.Equal(42, (long)result);
    }
}
