using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>Ids that always fail are parked after MaxAttempts; the rest of the cycle completes around them.</summary>
[Collection(RedisCollection.Name)]
public sealed class PoisonRecordTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int MaxAttempts = 3;

    [Fact]
    public async Task ForceCycle_PoisonIds_ParkedAfterMaxAttemptsWhileTheRestCompletes()
    {
        var count = Scenario.Scale(20_000);
        string[] poison = [.. Enumerable.Range(0, 50).Select(i => $"poison-{i}")];
        await using var scenario = await Scenario.StartAsync(redis, output, silos: 2, new Dictionary<string, string>
        {
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "0",
            ["Scheduler:Schedules:users:MaxAttempts"] = $"{MaxAttempts}",
            ["Scheduler:Schedules:users:BackoffBase"] = "00:00:00.200",
            ["Scheduler:Schedules:users:BackoffMax"] = "00:00:01",
            ["Simulated:PoisonPrefix"] = "poison-",
        });
        await scenario.EnrolAsync(count, poison);

        var cycle = await scenario.ForceCycleAsync();
        var processings = await scenario.CompleteCycleAsync(cycle);
        var parked = await scenario.Ring.ListParkedAsync();
        var counts = await scenario.Ring.GetCountsAsync();

        var accounting = await scenario.AccountAsync("poison records (50 always fail)");

        Assert.True(accounting.Whole, accounting.ToString());
        Assert.Equal(poison.Order(StringComparer.Ordinal), parked.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(poison, id => Assert.Equal(MaxAttempts, processings[id]));
        Assert.Equal(count, scenario.Ledger.Enrolled.Count(id => !id.StartsWith("poison-", StringComparison.Ordinal)
            && processings.GetValueOrDefault(id) == 1));
        Assert.Equal(poison.Length, counts.Parked);
    }
}
