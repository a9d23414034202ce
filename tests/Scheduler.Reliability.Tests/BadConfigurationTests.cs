using Scheduler.Testing;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// Bad input at the configuration door: each setting with a wrong type or out of range makes the real
/// <c>scheduler-silo</c> process exit 1 with one line that names the setting.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class BadConfigurationTests(RedisServerFixture redis)
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Scheduler:Schedules:users:BatchSize", "many", "Scheduler:Schedules:users:BatchSize" },
        { "Scheduler:Schedules:users:BatchSize", "0", "Scheduler:Schedules:users:BatchSize" },
        { "Scheduler:Schedules:users:TickInterval", "soon", "Scheduler:Schedules:users:TickInterval" },
        { "Scheduler:Schedules:users:Period", "-00:01:00", "Scheduler:Schedules:users:Period" },
        { "Scheduler:Schedules:users:LeaseDuration", "00:00:00.100", "Scheduler:Schedules:users:LeaseDuration" },
        { "Scheduler:Schedules:users:MaxAttempts", "0", "Scheduler:Schedules:users:MaxAttempts" },
        { "Scheduler:Schedules:users:MaxConcurrentBatches", "x", "Scheduler:Schedules:users:MaxConcurrentBatches" },
        { "Scheduler:Schedules:users:MaxRecordsPerSecond", "-5", "Scheduler:Schedules:users:MaxRecordsPerSecond" },
        { "Scheduler:Schedules:users:Processor", "nothing", "Scheduler:Schedules:users:Processor" },
        { "Scheduler:KeyPrefix", "{bad}", "Scheduler:KeyPrefix" },
        { "Simulated:FailureRate", "2", "Simulated:FailureRate" },
        { "Simulated:Latency", "slow", "Simulated:Latency" },
        { "Simulated:RecordProcessings", "maybe", "Simulated:RecordProcessings" },
        { "Orleans:SiloPort", "70000", "Orleans:SiloPort" },
        { "ConnectionStrings:Redis", "127.0.0.1:1,connectTimeout=soon", "ConnectionStrings:Redis" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task StartSilo_BadSetting_ExitsOneWithOneLineNamingIt(string key, string value, string named)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = $"bad-{Guid.NewGuid():N}",
            ["Orleans:ServiceId"] = "bad-config",
            ["Scheduler:Schedules:users:Processor"] = "simulated",
            [key] = value,
        };
        await using var silo = SiloProcess.Start(settings);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 1, $"exit {exitCode}:\n{silo.Output}");
        Assert.True(lines.Length == 1, $"{lines.Length} lines:\n{silo.Output}");
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
    }
}
