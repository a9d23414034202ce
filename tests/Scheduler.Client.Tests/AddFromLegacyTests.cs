using System.Globalization;
using MySqlConnector;

namespace Scheduler.Client.Tests;

[Collection(CrmCollection.Name)]
public sealed class AddFromLegacyTests(CrmClusterFixture fixture)
{
    [Fact]
    public async Task AddFromLegacy_SeededUsers_EnrolsExactlyTheLegacyIds()
    {
        var legacy = await SeedAsync("client_enrol", 2_345);

        var run = await fixture.RunAsync("add", "-s", "legacy-enrol", "--from-legacy", "--legacy", legacy,
            "--chunk-size", "1000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Added 2,345 ids to legacy-enrol; 0 were already enrolled.", run.Stdout,
            StringComparison.Ordinal);
        Assert.Equal(2_345, await fixture.EnrolledAsync("legacy-enrol"));

        // Enrolling ids 1 to N again adds none, so the ring holds exactly the legacy ids.
        var ids = Enumerable.Range(1, 2_345).Select(i => i.ToString(CultureInfo.InvariantCulture));
        var again = await fixture.RunAsync(["add", "-s", "legacy-enrol", "--json", .. ids]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("\"added\": 0", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(2_345, await fixture.EnrolledAsync("legacy-enrol"));
    }

    [Fact]
    public async Task AddFromLegacy_SecondRun_AddsNothing()
    {
        var legacy = await SeedAsync("client_again", 700);

        var first = await fixture.RunAsync("add", "-s", "legacy-again", "--from-legacy", "--legacy", legacy,
            "--chunk-size", "300", "--json");
        var second = await fixture.RunAsync("add", "-s", "legacy-again", "--from-legacy", "--legacy", legacy,
            "--chunk-size", "300", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("\"added\": 700", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"alreadyEnrolled\": 0", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"added\": 0", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"alreadyEnrolled\": 700", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(700, await fixture.EnrolledAsync("legacy-again"));
    }

    [Fact]
    public async Task AddFromLegacy_EmptyLegacyTables_AddsNothing()
    {
        var legacy = await SeedAsync("client_empty", 0);

        var run = await fixture.RunAsync("add", "-s", "legacy-empty", "--from-legacy", "--legacy", legacy);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Added 0 ids to legacy-empty; 0 were already enrolled.", run.Stdout,
            StringComparison.Ordinal);
        Assert.Equal(0, await fixture.EnrolledAsync("legacy-empty"));
    }

    [Theory]
    [InlineData(new[] { "--from-legacy", "--legacy", "Server=127.0.0.1;Database=x", "42" }, "only one of them")]
    [InlineData(new[] { "--from-legacy", "--legacy", "Server=127.0.0.1;Database=x", "--file", "ids.txt" },
        "only one of them")]
    [InlineData(new[] { "42", "--legacy", "Server=127.0.0.1;Database=x" }, "--legacy only goes with --from-legacy")]
    [InlineData(new[] { "--from-legacy" }, "No legacy database")]
    [InlineData(new[] { "--from-legacy", "--legacy", "Server=127.0.0.1" }, "--legacy selects no database")]
    [InlineData(new[] { "--from-legacy", "--legacy", "Server=x;Bogus=1" }, "--legacy is not a valid")]
    [InlineData(new[] { "--from-legacy", "--legacy", "Server=127.0.0.1;Database=x", "--chunk-size", "0" },
        "--chunk-size must be at least 1")]
    public async Task AddFromLegacy_BadValues_ExitsTwoWithOneLine(string[] options, string expected)
    {
        var run = await fixture.RunAsync(["add", "-s", "legacy-empty", .. options]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFromLegacy_UnreachableLegacy_ExitsOneWithOneLineAndEnrolsNothing()
    {
        var unreachable = new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)Scheduler.Testing.LoopbackPort.PickFree(),
            Database = "gone",
            UserID = "root",
            Password = "secret-password",
            ConnectionTimeout = 3,
        }.ConnectionString;

        var run = await fixture.RunAsync("add", "-s", "legacy-empty", "--from-legacy", "--legacy", unreachable);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("the legacy database 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", line, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.EnrolledAsync("legacy-empty"));
    }

    private async Task<string> SeedAsync(string database, int users)
    {
        var legacy = await fixture.MariaDb.CreateDatabaseAsync(database);
        var run = await fixture.RunAsync("seed", "--users", Math.Max(users, 1).ToString(CultureInfo.InvariantCulture),
            "--transactions-per-user", "1", "--legacy", legacy);
        Assert.True(run.ExitCode == 0, run.ToString());

        if (users == 0)
        {
            await using var connection = new MySqlConnection(legacy);
            await connection.OpenAsync();
            await using var command = new MySqlCommand("DELETE FROM transactions; DELETE FROM users", connection);
            await command.ExecuteNonQueryAsync();
        }

        return legacy;
    }
}
