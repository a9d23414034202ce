using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class CrmSyncDeletionTests(MariaDbFixture fixture)
{
    [Fact]
    public async Task ProcessAsync_TransactionsDeletedInLegacy_RemovedFromTarget()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "del_rows");
        await LegacySeeder.SeedAsync(db.Legacy, 3, 5);
        using var processor = db.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 3), default));

        await CrmDatabases.ExecuteAsync(db.Legacy, "DELETE FROM transactions WHERE id IN (2, 7, 8)");

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 3), default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(12L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM transactions"));
    }

    [Fact]
    public async Task ProcessAsync_RowDeletedAndRowAddedKeepingTheCount_TargetMatches()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "del_swap");
        await LegacySeeder.SeedAsync(db.Legacy, 2, 5);
        using var processor = db.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], default));

        await CrmDatabases.ExecuteAsync(db.Legacy, "DELETE FROM transactions WHERE id = 3");
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "INSERT INTO transactions VALUES (9001, 1, 3.33, 'EUR', 'pending', NOW(6), NOW(6))");

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
    }

    [Fact]
    public async Task ProcessAsync_UserDeletedInLegacy_CopyRemovedAndIdParked()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "del_user");
        await LegacySeeder.SeedAsync(db.Legacy, 3, 4);
        using var processor = db.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 3), default));

        await CrmDatabases.ExecuteAsync(db.Legacy, "DELETE FROM transactions WHERE user_id = 2");
        await CrmDatabases.ExecuteAsync(db.Legacy, "DELETE FROM users WHERE id = 2");

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 3), default);

        var failure = Assert.Single(failures);
        Assert.Equal("2", failure.Id);
        Assert.True(failure.Permanent, "a deleted user must be parked at once, not retried");
        Assert.Contains("removed from the target", failure.Error, StringComparison.Ordinal);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(0L,
            await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM sync_state WHERE user_id = 2"));
    }
}
