using MySqlConnector;
using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class CrmSyncLegacyShapeTests(MariaDbFixture fixture)
{
    private const string ReadOnlyUser = "crm_readonly";
    private const string ReadOnlyPassword = "read-only-test";

    [Fact]
    public async Task ProcessAsync_LegacyWithExtraColumnsAndTables_CopiesTheNeededColumns()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "shape");
        await CrmDatabases.ExecuteAsync(db.Legacy, """
            CREATE TABLE audit_log (id INT PRIMARY KEY, note TEXT);
            CREATE TABLE users (
                tenant INT NOT NULL DEFAULT 7, id BIGINT PRIMARY KEY, phone VARCHAR(20),
                email VARCHAR(255), name VARCHAR(255), updated_at DATETIME, is_deleted TINYINT DEFAULT 0);
            CREATE TABLE transactions (
                id BIGINT PRIMARY KEY, reference VARCHAR(40), user_id BIGINT, amount DECIMAL(12,2),
                currency CHAR(3), fee DECIMAL(12,2), status VARCHAR(16), created_at DATETIME,
                updated_at DATETIME, KEY ix_user_updated (user_id, updated_at));
            CREATE TABLE users_archive LIKE users;
            INSERT INTO audit_log VALUES (1, 'unrelated');
            INSERT INTO users (id, phone, email, name, updated_at) VALUES
                (1, '555', 'a@example.com', 'Ann', '2024-03-01 10:00:00'),
                (2, NULL, NULL, 'Bob', '2024-03-02 10:00:00');
            INSERT INTO transactions VALUES
                (10, 'r1', 1, 1234567890.12, 'EUR', 1.00, 'settled', '2024-03-01', '2024-03-01 11:00:00'),
                (11, 'r2', 1, -0.01, 'USD', 0.00, 'refunded', '2024-03-01', '2024-03-01 12:00:00'),
                (12, 'r3', 2, 0.00, 'GBP', NULL, 'pending', '2024-03-02', '2024-03-02 11:00:00');
            """);
        using var processor = db.CreateProcessor();

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal("1234567890.12",
            await CrmDatabases.ScalarAsync(db.Target, "SELECT CAST(amount AS CHAR) FROM transactions WHERE id = 10"));
    }

    [Fact]
    public async Task ProcessAsync_LegacyAccountWithOnlySelect_Syncs()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "readonly");
        await LegacySeeder.SeedAsync(db.Legacy, 10, 3);
        var legacyDatabase = new MySqlConnectionStringBuilder(db.Legacy).Database;

        // Account names cannot be parameters in DDL; both are constants of this test.
        await CrmDatabases.ExecuteAsync(fixture.ConnectionString,
            $"DROP USER IF EXISTS '{ReadOnlyUser}'@'%'; "
            + $"CREATE USER '{ReadOnlyUser}'@'%' IDENTIFIED BY '{ReadOnlyPassword}'; "
            + $"GRANT SELECT ON `{legacyDatabase}`.* TO '{ReadOnlyUser}'@'%';");
        var readOnly = new MySqlConnectionStringBuilder(db.Legacy)
        {
            UserID = ReadOnlyUser,
            Password = ReadOnlyPassword,
        }.ConnectionString;
        await Assert.ThrowsAsync<MySqlException>(() =>
            CrmDatabases.ExecuteAsync(readOnly, "DELETE FROM transactions WHERE id = 1"));
        using var processor = db.CreateProcessor(readOnly);

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 10), default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
    }
}
