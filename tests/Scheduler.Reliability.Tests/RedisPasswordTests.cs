using System.Globalization;
using Scheduler.Ring;
using Scheduler.Testing;
using StackExchange.Redis;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// Security basics: a silo process works against a redis-server that requires a password, and the password shows
/// up nowhere in what it logs, even at Trace level.
/// </summary>
public sealed class RedisPasswordTests
{
    [Fact]
    public async Task Silo_RedisWithRequirePass_ProcessesAndNeverLogsThePassword()
    {
        var password = $"pw-{Guid.NewGuid():N}";
        var port = LoopbackPort.PickFree().ToString(CultureInfo.InvariantCulture);
        var directory = Directory.CreateTempSubdirectory("scheduler-redis-auth-");
        var executable = ServerProcess.FindExecutable("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed; run ./test.sh, which installs it.");
        await using var server = ServerProcess.Start(executable,
            ["--port", port, "--bind", "127.0.0.1", "--dir", directory.FullName, "--save", "", "--requirepass",
                password]);
        var connectionString = $"127.0.0.1:{port},password={password},abortConnect=false";
        await using var redis = await ConnectWhenUpAsync(connectionString);

        var prefix = $"auth-{Guid.NewGuid():N}";
        await using var silo = SiloProcess.Start(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Redis"] = connectionString,
            ["Orleans:ClusterId"] = prefix,
            ["Orleans:ServiceId"] = prefix,
            ["Scheduler:KeyPrefix"] = prefix,
            ["Scheduler:Schedules:users:Period"] = "00:00:05",
            ["Scheduler:Schedules:users:TickInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Trace",
        });
        await silo.WaitUntilReadyAsync();
        var ring = new ScheduleRing(redis.GetDatabase(), "users", prefix);
        await ring.EnrolAsync([.. Enumerable.Range(0, 2_000).Select(i => $"user{i}")]);

        await Poll.UntilAsync(
            async () => (await ring.GetCountsAsync()).Processed >= 2_000,
            TimeSpan.FromSeconds(60),
            "the silo to process every id through the password-protected server");
        await silo.KillAsync();
        var unauthenticated = await Assert.ThrowsAnyAsync<RedisException>(async () =>
        {
            await using var anonymous = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
            await anonymous.GetDatabase().PingAsync();
        });
        directory.Delete(recursive: true);

        Assert.Contains("trce:", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, silo.Output, StringComparison.Ordinal);
        Assert.NotNull(unauthenticated);
    }

    private static async Task<ConnectionMultiplexer> ConnectWhenUpAsync(string connectionString)
    {
        ConnectionMultiplexer? connection = null;
        await Poll.UntilAsync(
            async () =>
            {
                connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
                await connection.GetDatabase().PingAsync();
                return true;
            },
            TimeSpan.FromSeconds(10),
            "redis-server with requirepass to answer PING");
        return connection!;
    }
}
