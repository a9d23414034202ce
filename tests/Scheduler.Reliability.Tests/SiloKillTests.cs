using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>Silo processes killed with SIGKILL mid-cycle: nothing lost or duplicated, every id processed.</summary>
[Collection(RedisCollection.Name)]
public sealed class SiloKillTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task KillOneSiloOfThree_DuringTwoCyclesInARow_EveryIdAccountedForAndProcessedEachCycle()
    {
        var count = Scenario.Scale(30_000);
        await using var scenario = await Scenario.StartAsync(redis, output, silos: 3);
        await scenario.EnrolAsync(count);

        for (var round = 0; round < 2; round++)
        {
            var processedBefore = (await scenario.Ring.GetCountsAsync()).Processed;
            var cycle = await scenario.ForceCycleAsync();

            await scenario.WaitForProcessedAsync(processedBefore + (count / 4));
            var coordinator = await scenario.CoordinatorSiloAsync();
            await scenario.KillAsync(scenario.Alive.First(silo => silo != coordinator));
            var counts = await scenario.CompleteCycleAsync(cycle);

            Assert.True(counts.Count >= count, $"cycle {cycle}: {counts.Count} of {count} ids processed");
            await scenario.StartSiloAsync();
        }

        var accounting = await scenario.AccountAsync("kill one silo of three, two cycles in a row");

        Assert.True(accounting.Whole, accounting.ToString());
    }

    [Fact]
    public async Task KillCoordinatorSilo_MidCycle_EveryIdAccountedForAndProcessed()
    {
        var count = Scenario.Scale(30_000);
        await using var scenario = await Scenario.StartAsync(redis, output, silos: 3);
        await scenario.EnrolAsync(count);

        var cycle = await scenario.ForceCycleAsync();
        await scenario.WaitForProcessedAsync(count / 4);
        var coordinator = await scenario.CoordinatorSiloAsync();
        await scenario.KillAsync(coordinator);
        await scenario.CompleteCycleAsync(cycle);
        var moved = await scenario.CoordinatorSiloAsync();

        var accounting = await scenario.AccountAsync("kill the coordinator's silo");

        Assert.NotSame(coordinator, moved);
        Assert.True(accounting.Whole, accounting.ToString());
    }
}
