using MySqlConnector;

namespace Scheduler.Client.Tests;

/// <summary>
/// The product's promise on a legacy database it did not create: other tables, other columns around the ones it
/// reads, sparse ids and legacy DATETIME columns. A forced cycle makes the target equal the legacy data, and after
/// legacy writers change, add and delete rows, one more cycle makes them equal again.
/// </summary>
[Collection(ForeignLegacyCollection.Name)]
public sealed class ForeignLegacySyncTests(ForeignLegacyClusterFixture fixture)
{
    private const string Schedule = CrmClusterFixture.CrmSchedule;

    // 200 users with ids 3, 6, … 600 (user 600 has no transactions), 1,000 transactions with cents, signs and
    // statuses spread over them, and rows in tables the product must leave alone.
    private const string ForeignSchema = """
        CREATE TABLE audit_log (id INT PRIMARY KEY, note TEXT);
        CREATE TABLE users (
            tenant INT NOT NULL DEFAULT 7, id BIGINT PRIMARY KEY, phone VARCHAR(20),
            email VARCHAR(255), name VARCHAR(255), updated_at DATETIME, is_deleted TINYINT DEFAULT 0);
        CREATE TABLE transactions (
            id BIGINT PRIMARY KEY, reference VARCHAR(40), user_id BIGINT, amount DECIMAL(12,2),
            currency CHAR(3), fee DECIMAL(12,2), status VARCHAR(16), created_at DATETIME,
            updated_at DATETIME, KEY ix_user_updated (user_id, updated_at));
        CREATE TABLE users_archive LIKE users;
        INSERT INTO audit_log VALUES (1, 'unrelated'), (2, 'also unrelated');
        INSERT INTO users_archive (id, email, name) VALUES (9999, 'old@example.com', 'Archived');
        INSERT INTO users (id, phone, email, name, updated_at)
            SELECT seq * 3, CONCAT('555-', seq), IF(seq % 10 = 0, NULL, CONCAT('u', seq, '@example.com')),
                CONCAT('User ', seq), TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE
            FROM seq_1_to_200;
        INSERT INTO transactions
            SELECT seq, CONCAT('ref-', seq), (seq % 199 + 1) * 3,
                (seq * 7919 % 100000) / 100 * IF(seq % 5 = 0, -1, 1), ELT(seq % 3 + 1, 'EUR', 'USD', 'GBP'),
                0.25, ELT(seq % 4 + 1, 'pending', 'settled', 'refunded', 'failed'),
                TIMESTAMP('2024-02-01') + INTERVAL seq SECOND, TIMESTAMP('2024-02-01') + INTERVAL seq MINUTE
            FROM seq_1_to_1000;
        """;

    // What legacy writers do between two cycles, each stamping updated_at from the legacy server's clock.
    private const string LegacyActivity = """
        UPDATE transactions SET amount = amount + 0.01, status = 'settled', updated_at = NOW()
            WHERE id % 17 = 0;
        UPDATE users SET name = CONCAT(name, ' (renamed)'), updated_at = NOW() WHERE id % 51 = 0;
        DELETE FROM transactions WHERE id % 97 = 0;
        INSERT INTO transactions
            SELECT 5000 + seq, CONCAT('new-', seq), 600, 10.05 * seq, 'EUR', 0, 'pending', NOW(), NOW()
            FROM seq_1_to_12;
        INSERT INTO users (id, phone, email, name, updated_at)
            SELECT 1000 + seq, NULL, CONCAT('late', seq, '@example.com'), CONCAT('Late ', seq), NOW()
            FROM seq_1_to_5;
        INSERT INTO transactions
            SELECT 6000 + seq, CONCAT('late-', seq), 1000 + seq % 5 + 1, 99.99, 'USD', 0, 'pending', NOW(), NOW()
            FROM seq_1_to_20;
        """;

    [Fact]
    public async Task ForcedCycles_LegacyTheProductDidNotCreate_TargetMatchesBeforeAndAfterLegacyChanges()
    {
        await ExecuteAsync(fixture.Legacy, ForeignSchema);

        await EnrolAndCycleAsync(expectedNew: 200);

        Assert.Equal(await SnapshotAsync(fixture.Legacy), await SnapshotAsync(fixture.Target));
        Assert.Equal(1_000, await CrmClusterFixture.CountAsync(fixture.Target, "SELECT COUNT(*) FROM transactions"));

        await ExecuteAsync(fixture.Legacy, LegacyActivity);

        await EnrolAndCycleAsync(expectedNew: 5);

        Assert.Equal(await SnapshotAsync(fixture.Legacy), await SnapshotAsync(fixture.Target));
        Assert.Equal(205, await CrmClusterFixture.CountAsync(fixture.Target, "SELECT COUNT(*) FROM users"));
        Assert.Equal(1, await CrmClusterFixture.CountAsync(fixture.Legacy,
            "SELECT COUNT(*) FROM users_archive"));
    }

    private async Task EnrolAndCycleAsync(int expectedNew)
    {
        var add = await fixture.RunAsync("add", "-s", Schedule, "--from-legacy", "--legacy", fixture.Legacy);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains($"Added {expectedNew} ids", add.Stdout, StringComparison.Ordinal);

        var cycle = await fixture.RunAsync("cycle", "-s", Schedule, "--wait", "--json", "--timeout", "120");
        Assert.True(cycle.ExitCode == 0, cycle.ToString());
        Assert.Contains("\"failed\": 0", cycle.Stdout, StringComparison.Ordinal);
    }

    // Every column the product copies, amounts as the server prints them (to the cent) and times to the microsecond.
    private static async Task<IReadOnlyList<string>> SnapshotAsync(string connectionString)
    {
        var users = await CrmClusterFixture.RowsAsync(connectionString,
            "SELECT id, email, name, updated_at FROM users ORDER BY id");
        var transactions = await CrmClusterFixture.RowsAsync(connectionString,
            "SELECT id, user_id, CAST(amount AS CHAR), currency, status, created_at, updated_at " +
            "FROM transactions ORDER BY id");
        return [.. users.Select(u => "u|" + u), .. transactions.Select(t => "t|" + t)];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
