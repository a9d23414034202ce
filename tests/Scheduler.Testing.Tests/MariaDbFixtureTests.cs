using MySqlConnector;
using Xunit;

namespace Scheduler.Testing.Tests;

/// <summary>Proves that <see cref="MariaDbFixture"/> runs a real server that can be stopped and started.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbFixtureTests(MariaDbFixture mariaDb)
{
    /// <summary>The administrative connection string reaches the server.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task ReportsItsVersion()
    {
        var version = await ScalarAsync(mariaDb.ConnectionString, "SELECT VERSION()");

        Assert.Contains("MariaDB", version, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A committed row is still there after the server is killed and started again.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task KeepsDataAcrossStopAndStart()
    {
        Assert.False(mariaDb.IsExternal, $"{MariaDbFixture.ExternalServerVariable} is set; this test needs a " +
            "server the fixture starts.");

        var database = await mariaDb.CreateDatabaseAsync("fixture_outage");
        await ExecuteAsync(database, "CREATE TABLE t (v VARCHAR(20)); INSERT INTO t VALUES ('survives');");

        await mariaDb.StopAsync();

        await Assert.ThrowsAsync<MySqlException>(() => ScalarAsync(NoPooling(database), "SELECT 1"));

        await mariaDb.StartAsync();

        Assert.Equal("survives", await ScalarAsync(NoPooling(database), "SELECT v FROM t"));
    }

    /// <summary>A created database is empty and selected by the returned connection string.</summary>
    /// <returns>A task for the test.</returns>
    [Fact]
    public async Task CreatesFreshDatabases()
    {
        var first = await mariaDb.CreateDatabaseAsync("fixture_fresh");
        await ExecuteAsync(first, "CREATE TABLE leftover (id INT)");

        var second = await mariaDb.CreateDatabaseAsync("fixture_fresh");

        Assert.Equal("fixture_fresh", await ScalarAsync(second, "SELECT DATABASE()"));
        Assert.Equal("0", await ScalarAsync(second, "SELECT COUNT(*) FROM information_schema.tables " +
            "WHERE table_schema = DATABASE()"));
    }

    // The server was killed under the pool's connections, so reads after the restart use new ones.
    private static string NoPooling(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)
            ?? string.Empty;
    }
}
