using Microsoft.Data.Sqlite;

namespace Scheduler.Crm.Tests;

public sealed class SqliteCrmSyncTests : IDisposable
{
    private const string Schedule = "crm-demo";

    private readonly SqliteCrmFiles _files = new();

    [Fact]
    public async Task ProcessAsync_SqliteFirstSync_TargetMatchesLegacyRowForRow()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 200, 5);

        // Closed as after a restart: a read-only open of a WAL file must cope without its -shm and -wal files.
        SqliteConnection.ClearAllPools();
        using var processor = _files.CreateProcessor();

        var first = await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 100), default);
        var second = await processor.ProcessAsync(Schedule, CrmDatabases.Ids(101, 200), default);

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Equal(await SqliteCrmFiles.SnapshotAsync(_files.Legacy),
            await SqliteCrmFiles.SnapshotAsync(_files.Target));
        Assert.Equal(1000L, await SqliteCrmFiles.ScalarAsync(_files.Target, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(200L, await SqliteCrmFiles.ScalarAsync(_files.Target, "SELECT COUNT(*) FROM sync_state"));
    }

    [Fact]
    public async Task ProcessAsync_SqliteLegacyChangedAndGrown_NextSyncShowsChanges()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 50, 5);
        using var processor = _files.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 50), default));

        await SqliteCrmFiles.ExecuteAsync(_files.Legacy,
            "UPDATE transactions SET amount = 12345.67, updated_at = '2030-01-01 00:00:00' WHERE id = 3");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy,
            "UPDATE transactions SET status = 'refunded', updated_at = '2030-01-01 00:00:01' WHERE id = 7");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy, "INSERT INTO transactions VALUES "
            + "(100000, 2, 0.01, 'EUR', 'pending', '2030-01-02 00:00:00', '2030-01-02 00:00:00')");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy,
            "INSERT INTO users VALUES (51, 'new@example.com', 'New User', '2030-01-03 00:00:00')");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy, "INSERT INTO transactions VALUES "
            + "(100001, 51, 99.99, 'USD', 'settled', '2030-01-03 00:00:00', '2030-01-03 00:00:00'), "
            + "(100002, 51, -5.50, 'GBP', 'failed', '2030-01-04 00:00:00', '2030-01-04 00:00:00')");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy,
            "UPDATE users SET email = 'changed@example.com', updated_at = '2030-01-05 00:00:00' WHERE id = 9");

        var failures = await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 51), default);

        Assert.Empty(failures);
        Assert.Equal(await SqliteCrmFiles.SnapshotAsync(_files.Legacy),
            await SqliteCrmFiles.SnapshotAsync(_files.Target));
        Assert.Equal(12345.67,
            await SqliteCrmFiles.ScalarAsync(_files.Target, "SELECT amount FROM transactions WHERE id = 3"));
    }

    [Fact]
    public async Task ProcessAsync_SqliteRowsAndUserDeletedInLegacy_RemovedFromTarget()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 10, 3);
        using var processor = _files.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 10), default));

        await SqliteCrmFiles.ExecuteAsync(_files.Legacy, "DELETE FROM transactions WHERE id IN (1, 5)");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy, "DELETE FROM transactions WHERE user_id = 7");
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy, "DELETE FROM users WHERE id = 7");

        var failures = await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 10), default);

        Assert.Equal("7", Assert.Single(failures).Id);
        Assert.Equal(await SqliteCrmFiles.SnapshotAsync(_files.Legacy),
            await SqliteCrmFiles.SnapshotAsync(_files.Target));
    }

    [Fact]
    public async Task ProcessAsync_SqliteSameBatchReplayed_ChangesNothing()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 30, 4);
        using var processor = _files.CreateProcessor();
        var ids = CrmDatabases.Ids(1, 30);
        Assert.Empty(await processor.ProcessAsync(Schedule, ids, default));
        var before = await SqliteCrmFiles.SnapshotAsync(_files.Target);
        var watermarksBefore = await WatermarksAsync();

        var failures = await processor.ProcessAsync(Schedule, ids, default);

        Assert.Empty(failures);
        Assert.Equal(before, await SqliteCrmFiles.SnapshotAsync(_files.Target));
        Assert.Equal(watermarksBefore, await WatermarksAsync());
    }

    [Fact]
    public async Task ProcessAsync_SqliteDemoActivity_NextSyncMatchesAgain()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 100, 5);
        using var processor = _files.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 100), default));
        var random = new Random(42);
        var now = new DateTime(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        await DemoCrm.SimulateActivityAsync(_files.LegacyPath, 10, now, random);
        await DemoCrm.SimulateActivityAsync(_files.LegacyPath, 10, now.AddSeconds(5.123456), random);
        var failures = await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 100), default);

        Assert.Empty(failures);
        Assert.Equal(await SqliteCrmFiles.SnapshotAsync(_files.Legacy),
            await SqliteCrmFiles.SnapshotAsync(_files.Target));
        Assert.Equal(510L, await SqliteCrmFiles.ScalarAsync(_files.Target, "SELECT COUNT(*) FROM transactions"));
    }

    [Fact]
    public async Task ProcessAsync_SqliteConcurrentBatchesAndActivity_AllSucceedAndMatch()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 400, 5);
        using var processor = _files.CreateProcessor();
        var now = new DateTime(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        // As the ring runs them: batches side by side on one target file, the legacy file written meanwhile.
        var batches = Enumerable.Range(0, 8)
            .Select(i => processor.ProcessAsync(Schedule, CrmDatabases.Ids((i * 50) + 1, (i + 1) * 50), default))
            .ToList();
        var activity = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await DemoCrm.SimulateActivityAsync(_files.LegacyPath, 6, now.AddSeconds(i), new Random(i));
            }
        });
        var failures = await Task.WhenAll(batches);
        await activity;
        var catchUp = await processor.ProcessAsync(Schedule, CrmDatabases.Ids(1, 400), default);

        Assert.All(failures, Assert.Empty);
        Assert.Empty(catchUp);
        Assert.Equal(await SqliteCrmFiles.SnapshotAsync(_files.Legacy),
            await SqliteCrmFiles.SnapshotAsync(_files.Target));
    }

    [Fact]
    public async Task ProcessAsync_SqliteUnknownAndBadIds_FailOnlyThoseIds()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 3, 2);
        using var processor = _files.CreateProcessor();

        var failures = await processor.ProcessAsync(Schedule, ["1", "99", "1; DROP TABLE users", "3"], default);

        Assert.Equal(["1; DROP TABLE users", "99"], failures.Select(f => f.Id));
        Assert.Equal(2L, await SqliteCrmFiles.ScalarAsync(_files.Target, "SELECT COUNT(*) FROM users"));
        Assert.Equal(3L, await SqliteCrmFiles.ScalarAsync(_files.Legacy, "SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task ProcessAsync_SqliteLegacyFileMissing_FailsEveryIdAndWritesNothing()
    {
        using var processor = _files.CreateProcessor();

        var failures = await processor.ProcessAsync(Schedule, ["1", "2"], default);

        Assert.Equal(["1", "2"], failures.Select(f => f.Id));
        Assert.All(failures, f => Assert.Contains("SQLite", f.Error, StringComparison.Ordinal));
        Assert.False(File.Exists(_files.LegacyPath));
        Assert.Equal(0L, await SqliteCrmFiles.ScalarAsync(_files.Target, "SELECT COUNT(*) FROM sync_state"));
    }

    public void Dispose() => _files.Dispose();

    private async Task<string> WatermarksAsync() =>
        (string)(await SqliteCrmFiles.ScalarAsync(_files.Target,
            "SELECT group_concat(user_id || '=' || watermark, ',') FROM (SELECT * FROM sync_state ORDER BY user_id)"))!;
}
