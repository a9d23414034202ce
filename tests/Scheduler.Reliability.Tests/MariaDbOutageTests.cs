using System.Globalization;
using MySqlConnector;
using Scheduler.Crm;
using Scheduler.Ring;
using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// The legacy MariaDB stopped (SIGKILL) for 30 s in the middle of a <c>crm-sync</c> cycle, then started again:
/// batches fail and are retried with backoff, nothing is parked because the outage is shorter than the retry budget
/// (5 attempts, backoff 5 s doubling to 40 s: about 75 s), and the cycle completes with the target matching legacy.
/// </summary>
/// <remarks>
/// The MariaDB server is a class fixture of its own, so stopping it touches no other test; the class sits in the
/// Redis collection because it shares its redis-server, and so runs one at a time with the other scenarios. Legacy
/// and target are two databases of that one server, so the outage takes both down, as a shared server would.
/// </remarks>
[Collection(RedisCollection.Name)]
public sealed class MariaDbOutageTests(RedisServerFixture redis, MariaDbFixture mariaDb, ITestOutputHelper output)
    : IClassFixture<MariaDbFixture>
{
    private const int Users = 3_000;
    private const int TransactionsPerUser = 2;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StopMariaDb_For30sMidCycle_BatchesRetryNothingParkedAndTargetMatchesLegacy()
    {
        var legacy = await mariaDb.CreateDatabaseAsync("outage_legacy");
        var target = await mariaDb.CreateDatabaseAsync("outage_target");
        await LegacySeeder.SeedAsync(legacy, Users, TransactionsPerUser);

        await using var scenario = await Scenario.StartAsync(redis, output, silos: 2, new Dictionary<string, string>
        {
            ["Scheduler:Schedules:users:Processor"] = "crm-sync",
            ["ConnectionStrings:Legacy"] = legacy,
            ["ConnectionStrings:Target"] = target,

            // Small batches under a ceiling of 60 ids a second make the cycle last about 50 s, so the outage lands
            // inside it.
            ["Scheduler:Schedules:users:BatchSize"] = "50",
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "60",
            ["Scheduler:Schedules:users:LeaseDuration"] = "00:00:30",

            // A retry budget of 5 + 10 + 20 + 40 = 75 s between the first and the last attempt, above the outage.
            ["Scheduler:Schedules:users:MaxAttempts"] = $"{MaxAttempts}",
            ["Scheduler:Schedules:users:BackoffBase"] = "00:00:05",
            ["Scheduler:Schedules:users:BackoffMax"] = "00:00:40",
            ["CrmSync:CommandTimeout"] = "00:00:05",
        });
        await scenario.EnrolIdsAsync(
            [.. Enumerable.Range(1, Users).Select(id => id.ToString(CultureInfo.InvariantCulture))]);

        var cycle = await scenario.ForceCycleAsync();
        RingCounts before = null!;
        await Poll.UntilAsync(
            async () =>
            {
                before = await scenario.Ring.GetCountsAsync();
                return before.Processed >= Users / 5;
            },
            TimeSpan.FromSeconds(90),
            "a fifth of the cycle processed");

        await mariaDb.StopAsync();

        // The outage itself: the scenario is "MariaDB down for 30 s", so this wait is its length, not
        // synchronisation with anything.
        await Task.Delay(Outage);
        var during = await scenario.Ring.GetCountsAsync();
        await mariaDb.StartAsync();
        output.WriteLine($"before the stop: cycle {before.Cycle}, {before.Processed} processed, {before.InFlight} in "
            + $"flight; after {Outage.TotalSeconds:0} s down: {during.Processed} processed, {during.InFlight} in "
            + $"flight, {during.Retrying} retrying, {during.Parked} parked");

        RingCounts after = null!;
        await Poll.UntilAsync(
            async () =>
            {
                after = await scenario.Ring.GetCountsAsync();
                return after.Cycle > cycle && after.InFlight == 0;
            },
            TimeSpan.FromMinutes(4),
            $"cycle {cycle} to end with nothing in flight");
        var parked = await scenario.Ring.ListParkedAsync();

        var legacyTotals = await TotalsAsync(legacy);
        var targetTotals = await TotalsAsync(target);
        scenario.Ledger.CloseCycle(await SyncedAsync(target, scenario.Ledger.Enrolled));
        output.WriteLine($"legacy {legacyTotals}; target {targetTotals}");
        var accounting = await scenario.AccountAsync("legacy MariaDB stopped 30 s mid-cycle (crm-sync)");

        // Batches did fail during the outage and were retried, rather than the outage falling outside the cycle.
        Assert.True(during.Retrying > 0, $"no id was waiting out a backoff during the outage: {during}");
        Assert.Empty(parked);
        Assert.Equal(0, after.Parked);
        Assert.True(accounting.Whole, accounting.ToString());
        Assert.Equal(legacyTotals, targetTotals);
        Assert.Equal(new Totals(Users, Users * TransactionsPerUser, legacyTotals.AmountSum), targetTotals);
    }

    private static async Task<Totals> TotalsAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM transactions), "
            + "(SELECT COALESCE(SUM(amount), 0) FROM transactions)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Totals(reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2));
    }

    /// <summary>Enrolled ids the target's <c>sync_state</c> shows synced at least once.</summary>
    private static async Task<long> SyncedAsync(string target, IReadOnlyList<string> enrolled)
    {
        await using var connection = new MySqlConnection(target);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT user_id FROM sync_state", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var synced = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            synced.Add(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
        }

        return enrolled.LongCount(synced.Contains);
    }

    private sealed record Totals(long Users, long Transactions, decimal AmountSum);
}
