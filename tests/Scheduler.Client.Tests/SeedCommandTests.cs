using MySqlConnector;

namespace Scheduler.Client.Tests;

[Collection(CrmCollection.Name)]
public sealed class SeedCommandTests(CrmClusterFixture fixture)
{
    [Fact]
    public async Task Seed_UsersAndTransactions_CreatesNUsersAndNTimesMTransactions()
    {
        var legacy = await fixture.MariaDb.CreateDatabaseAsync("client_seed_counts");

        var run = await fixture.RunAsync("seed", "--users", "1234", "--transactions-per-user", "3",
            "--legacy", legacy);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Seeded 1,234 users and 3,702 transactions into", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1234, await CrmClusterFixture.CountAsync(legacy, "SELECT COUNT(*) FROM users"));
        Assert.Equal(3702, await CrmClusterFixture.CountAsync(legacy, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(1234, await CrmClusterFixture.CountAsync(legacy, "SELECT MAX(id) FROM users"));
    }

    [Fact]
    public async Task Seed_ZeroTransactionsPerUser_CreatesUsersOnly()
    {
        var legacy = await fixture.MariaDb.CreateDatabaseAsync("client_seed_zero");

        var run = await fixture.RunAsync("seed", "--users", "10", "--transactions-per-user", "0", "--legacy", legacy);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(10, await CrmClusterFixture.CountAsync(legacy, "SELECT COUNT(*) FROM users"));
        Assert.Equal(0, await CrmClusterFixture.CountAsync(legacy, "SELECT COUNT(*) FROM transactions"));
    }

    [Fact]
    public async Task Seed_RunTwice_RewritesTheSameRows()
    {
        var legacy = await fixture.MariaDb.CreateDatabaseAsync("client_seed_twice");

        var first = await fixture.RunAsync("seed", "--users", "50", "--transactions-per-user", "2",
            "--legacy", legacy);
        var second = await fixture.RunAsync("seed", "--users", "50", "--transactions-per-user", "2",
            "--legacy", legacy);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(100, await CrmClusterFixture.CountAsync(legacy, "SELECT COUNT(*) FROM transactions"));
    }

    [Theory]
    [InlineData(new[] { "--users", "0", "--transactions-per-user", "1" }, "--users must be between 1 and")]
    [InlineData(new[] { "--users", "-5", "--transactions-per-user", "1" }, "--users must be between 1 and")]
    [InlineData(new[] { "--users", "5", "--transactions-per-user", "-1" },
        "--transactions-per-user must be between 0 and")]
    [InlineData(new[] { "--users", "many", "--transactions-per-user", "1" }, "many")]
    [InlineData(new[] { "--transactions-per-user", "1" }, "--users")]
    [InlineData(new[] { "--users", "5" }, "--transactions-per-user")]
    [InlineData(new[] { "--users", "5", "--transactions-per-user", "1", "--legacy", "Server=x;Bogus=1" },
        "--legacy is not a valid MySqlConnector connection string.")]
    [InlineData(new[] { "--users", "5", "--transactions-per-user", "1", "--legacy", "Server=127.0.0.1" },
        "--legacy selects no database")]
    [InlineData(new[] { "--users", "5", "--transactions-per-user", "1" }, "No legacy database")]
    public async Task Seed_BadValues_ExitsTwoWithOneLine(string[] options, string expected)
    {
        var run = await fixture.RunAsync(["seed", .. options]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Seed_UnreachableLegacy_ExitsOneWithOneLineNamingIt()
    {
        var unreachable = new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)Scheduler.Testing.LoopbackPort.PickFree(),
            Database = "nowhere",
            UserID = "root",
            Password = "secret-password",
            ConnectionTimeout = 3,
        }.ConnectionString;

        var run = await fixture.RunAsync("seed", "--users", "5", "--transactions-per-user", "1",
            "--legacy", unreachable);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("/nowhere", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", line, StringComparison.Ordinal);
    }
}
