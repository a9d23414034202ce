namespace Scheduler.Client.Tests;

[Collection(CrmCollection.Name)]
public sealed class CrmSyncEndToEndTests(CrmClusterFixture fixture)
{
    private const string PerUser =
        "SELECT user_id, COUNT(*), SUM(amount) FROM transactions GROUP BY user_id ORDER BY user_id";

    private const string Users = "SELECT id, email, name FROM users ORDER BY id";

    [Fact]
    public async Task SeedAddFromLegacyCycle_CrmSyncSchedule_TargetMatchesLegacyRowForRow()
    {
        var seed = await fixture.RunAsync("seed", "--users", "300", "--transactions-per-user", "3",
            "--legacy", fixture.Legacy);
        Assert.True(seed.ExitCode == 0, seed.ToString());

        var add = await fixture.RunAsync("add", "-s", CrmClusterFixture.CrmSchedule, "--from-legacy",
            "--legacy", fixture.Legacy, "--chunk-size", "128");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("Added 300 ids", add.Stdout, StringComparison.Ordinal);

        var cycle = await fixture.RunAsync("cycle", "-s", CrmClusterFixture.CrmSchedule, "--wait", "--json",
            "--timeout", "120");
        Assert.True(cycle.ExitCode == 0, cycle.ToString());
        Assert.Contains("\"failed\": 0", cycle.Stdout, StringComparison.Ordinal);

        Assert.Equal(300, await CrmClusterFixture.CountAsync(fixture.Target, "SELECT COUNT(*) FROM users"));
        Assert.Equal(900, await CrmClusterFixture.CountAsync(fixture.Target, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(await CrmClusterFixture.RowsAsync(fixture.Legacy, Users),
            await CrmClusterFixture.RowsAsync(fixture.Target, Users));
        Assert.Equal(await CrmClusterFixture.RowsAsync(fixture.Legacy, PerUser),
            await CrmClusterFixture.RowsAsync(fixture.Target, PerUser));
    }
}
