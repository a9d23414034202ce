using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class CrmSyncWatermarkTests(MariaDbFixture fixture)
{
    [Fact]
    public async Task ProcessAsync_RowAtWatermarkAndLateRowInsideMargin_BothCopied()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "wm_edges");
        await LegacySeeder.SeedAsync(db.Legacy, 3, 5);
        using var processor = db.CreateProcessor(margin: TimeSpan.FromMinutes(5));
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2", "3"], default));
        var watermark = await WatermarkAsync(db.Target, 2);

        await CrmDatabases.ExecuteAsync(db.Legacy, "INSERT INTO transactions VALUES "
            + "(5001, 2, 10.00, 'EUR', 'pending', @w, @w), (5002, 2, 20.00, 'EUR', 'pending', @late, @late)",
            ("@w", watermark), ("@late", watermark.AddMinutes(-4)));

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2", "3"], default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.True(await WatermarkAsync(db.Target, 2) >= watermark, "the watermark must never move back");
    }

    [Fact]
    public async Task ProcessAsync_LateUpdateOlderThanMargin_IsNotRead()
    {
        // Documents the limit of the rule: a change that commits later than the margin allows is missed.
        var db = await CrmDatabases.CreateAsync(fixture, "wm_limit");
        await LegacySeeder.SeedAsync(db.Legacy, 1, 5);
        using var processor = db.CreateProcessor(margin: TimeSpan.FromMinutes(5));
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1"], default));
        var watermark = await WatermarkAsync(db.Target, 1);

        await CrmDatabases.ExecuteAsync(db.Legacy,
            "UPDATE transactions SET amount = 7.77, updated_at = @t WHERE id = 2", ("@t", watermark.AddMinutes(-6)));

        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1"], default));

        Assert.NotEqual("7.77",
            await CrmDatabases.ScalarAsync(db.Target, "SELECT CAST(amount AS CHAR) FROM transactions WHERE id = 2"));
    }

    [Fact]
    public async Task ProcessAsync_LateInsertOlderThanMargin_FoundByCount()
    {
        // A row the window misses still changes the user's transaction count, and a count that differs is repaired.
        var db = await CrmDatabases.CreateAsync(fixture, "wm_late_insert");
        await LegacySeeder.SeedAsync(db.Legacy, 2, 5);
        using var processor = db.CreateProcessor(margin: TimeSpan.FromMinutes(5));
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], default));
        var watermark = await WatermarkAsync(db.Target, 1);

        await CrmDatabases.ExecuteAsync(db.Legacy, "INSERT INTO transactions VALUES "
            + "(5001, 1, 10.00, 'EUR', 'pending', @t, @t)", ("@t", watermark.AddYears(-1)));

        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], default));

        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
    }

    [Fact]
    public async Task ProcessAsync_SecondSync_ReadsOnlyRowsInsideWindow()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "wm_window");
        await LegacySeeder.SeedAsync(db.Legacy, 1, 5);
        using var processor = db.CreateProcessor(margin: TimeSpan.Zero);
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1"], default));

        // An old row changed in the target only: a full re-read would overwrite it, a watermarked one leaves it.
        await CrmDatabases.ExecuteAsync(db.Target, "UPDATE transactions SET status = 'marker' WHERE id = 1");

        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1"], default));

        Assert.Equal("marker",
            await CrmDatabases.ScalarAsync(db.Target, "SELECT status FROM transactions WHERE id = 1"));
    }

    [Fact]
    public async Task ProcessAsync_NothingChangedSinceLastSync_WritesNothing()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "wm_quiet");
        await LegacySeeder.SeedAsync(db.Legacy, 3, 5);
        using var processor = db.CreateProcessor(margin: TimeSpan.FromMinutes(5));
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2", "3"], default));

        // Markers that any rewrite of a user, a transaction or a sync_state row would wipe out.
        await CrmDatabases.ExecuteAsync(db.Target, "UPDATE users SET name = 'marker' WHERE id = 2");
        await CrmDatabases.ExecuteAsync(db.Target, "UPDATE transactions SET status = 'marker' WHERE user_id = 2");
        await CrmDatabases.ExecuteAsync(db.Target, "UPDATE sync_state SET synced_at = '2001-01-01'");

        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2", "3"], default));

        Assert.Equal("marker", await CrmDatabases.ScalarAsync(db.Target, "SELECT name FROM users WHERE id = 2"));
        Assert.Equal(5L, await CrmDatabases.ScalarAsync(db.Target,
            "SELECT COUNT(*) FROM transactions WHERE user_id = 2 AND status = 'marker'"));
        Assert.Equal(3L, await CrmDatabases.ScalarAsync(db.Target,
            "SELECT COUNT(*) FROM sync_state WHERE synced_at = '2001-01-01'"));
    }

    [Fact]
    public async Task ProcessAsync_BatchMixingDormantAndActiveUsers_CopiesEveryChange()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "wm_groups");
        await LegacySeeder.SeedAsync(db.Legacy, 4, 3);
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "UPDATE transactions SET updated_at = updated_at - INTERVAL 3 YEAR WHERE user_id IN (2, 4)");
        using var processor = db.CreateProcessor(margin: TimeSpan.FromMinutes(5));
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 4), default));
        var dormant = await WatermarkAsync(db.Target, 2);

        await CrmDatabases.ExecuteAsync(db.Legacy, "INSERT INTO transactions VALUES "
            + "(901, 1, 1.00, 'EUR', 'pending', '2030-01-01', '2030-01-01'), "
            + "(902, 2, 2.00, 'EUR', 'pending', @late, @late), "
            + "(903, 3, 3.00, 'EUR', 'pending', '2030-01-02', '2030-01-02')",
            ("@late", dormant.AddMinutes(-1)));
        await CrmDatabases.ExecuteAsync(db.Legacy,
            "UPDATE transactions SET amount = 4.44, updated_at = '2030-01-03' WHERE user_id = 4 LIMIT 1");

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 4), default);

        Assert.Empty(failures);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
    }

    private static async Task<DateTime> WatermarkAsync(string target, long user) =>
        (DateTime)(await CrmDatabases.ScalarAsync(target,
            "SELECT watermark FROM sync_state WHERE user_id = @user", ("@user", user)))!;
}
