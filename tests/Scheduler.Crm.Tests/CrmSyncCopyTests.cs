using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class CrmSyncCopyTests(MariaDbFixture fixture)
{
    [Fact]
    public async Task ProcessAsync_FirstSync_TargetMatchesLegacyRowForRow()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "first");
        await LegacySeeder.SeedAsync(db.Legacy, 200, 5);
        using var processor = db.CreateProcessor();

        var first = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 100), default);
        var second = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(101, 200), default);

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(1000L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(200L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM sync_state"));
    }

    [Fact]
    public async Task ProcessAsync_LegacyChangedAndGrown_NextSyncShowsChanges()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "changed");
        await LegacySeeder.SeedAsync(db.Legacy, 50, 5);
        using var processor = db.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 50), default));

        await CrmDatabases.ExecuteAsync(db.Legacy,
            "UPDATE transactions SET amount = 12345.67, updated_at = '2030-01-01 00:00:00' WHERE id = 3");
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "UPDATE transactions SET status = 'refunded', updated_at = '2030-01-01 00:00:01' WHERE id = 7");
        await CrmDatabases.ExecuteAsync(db.Legacy, "INSERT INTO transactions VALUES "
            + "(100000, 2, 0.01, 'EUR', 'pending', '2030-01-02', '2030-01-02')");
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "INSERT INTO users VALUES (51, 'new@example.com', 'New User', '2030-01-03')");
        await CrmDatabases.ExecuteAsync(db.Legacy, "INSERT INTO transactions VALUES "
            + "(100001, 51, 99.99, 'USD', 'settled', '2030-01-03', '2030-01-03'), "
            + "(100002, 51, -5.50, 'GBP', 'failed', '2030-01-04', '2030-01-04')");
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "UPDATE users SET email = 'changed@example.com', updated_at = '2030-01-05' WHERE id = 9");

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 51), default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal("12345.67",
            await CrmDatabases.ScalarAsync(db.Target, "SELECT CAST(amount AS CHAR) FROM transactions WHERE id = 3"));
    }

    [Fact]
    public async Task ProcessAsync_SameBatchReplayed_ChangesNothing()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "replay");
        await LegacySeeder.SeedAsync(db.Legacy, 30, 4);
        using var processor = db.CreateProcessor();
        var ids = CrmDatabases.Ids(1, 30);
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ids, default));
        var before = await CrmDatabases.SnapshotAsync(db.Target);
        var watermarksBefore = await WatermarksAsync(db.Target);

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ids, default);

        Assert.Empty(failures);
        Assert.Equal(before, await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(watermarksBefore, await WatermarksAsync(db.Target));
    }

    [Fact]
    public async Task ProcessAsync_UsersWithZeroAndFiveThousandTransactions_CopiesAll()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "sizes");
        await LegacySeeder.SeedAsync(db.Legacy, 1, 5000);
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "INSERT INTO users VALUES (2, 'empty@example.com', 'No Transactions', '2024-05-01')");
        using var processor = db.CreateProcessor();

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(5000L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(2L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM sync_state"));
    }

    [Fact]
    public async Task ProcessAsync_TargetCreatedBeforeTransactionCount_GainsTheColumnAndMatches()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "old_target");
        await LegacySeeder.SeedAsync(db.Legacy, 3, 4);
        await CrmDatabases.ExecuteAsync(db.Target, "CREATE TABLE sync_state (user_id BIGINT NOT NULL PRIMARY KEY, "
            + "watermark DATETIME(6) NULL, synced_at DATETIME(6) NOT NULL) ENGINE=InnoDB");
        await CrmDatabases.ExecuteAsync(db.Target,
            "INSERT INTO sync_state VALUES (2, '2020-01-01', '2020-01-01')");
        using var processor = db.CreateProcessor();

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 3), default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(12m, await CrmDatabases.ScalarAsync(db.Target, "SELECT SUM(transaction_count) FROM sync_state"));
    }

    private static async Task<string> WatermarksAsync(string target) =>
        (string)(await CrmDatabases.ScalarAsync(target,
            "SELECT GROUP_CONCAT(user_id, '=', watermark ORDER BY user_id) FROM sync_state"))!;
}
