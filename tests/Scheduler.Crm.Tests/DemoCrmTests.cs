namespace Scheduler.Crm.Tests;

public sealed class DemoCrmTests : IDisposable
{
    private readonly SqliteCrmFiles _files = new();

    [Fact]
    public async Task EnsureSeededAsync_EmptyDirectory_SeedsUsersAndTransactions()
    {
        var seeded = await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 1000, 5);

        Assert.True(seeded);
        Assert.Equal(1000L, await SqliteCrmFiles.ScalarAsync(_files.Legacy, "SELECT COUNT(*) FROM users"));
        Assert.Equal(5000L, await SqliteCrmFiles.ScalarAsync(_files.Legacy, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i),
            await DemoCrm.ReadUserIdsAsync(_files.LegacyPath));
    }

    [Fact]
    public async Task EnsureSeededAsync_CalledAgain_ChangesNothing()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 20, 3);
        await SqliteCrmFiles.ExecuteAsync(_files.Legacy, "UPDATE users SET name = 'Kept' WHERE id = 1");
        var before = await SqliteCrmFiles.SnapshotAsync(_files.Legacy);

        var seeded = await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 50, 5);

        Assert.False(seeded);
        Assert.Equal(before, await SqliteCrmFiles.SnapshotAsync(_files.Legacy));
    }

    [Fact]
    public async Task SimulateActivityAsync_SeededFile_ChangesAndAddsRowsStampedNow()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 10, 5);
        var now = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var written = await DemoCrm.SimulateActivityAsync(_files.LegacyPath, 4, now, new Random(7));

        Assert.Equal(4 + 2 + 1, written);
        Assert.Equal(52L, await SqliteCrmFiles.ScalarAsync(_files.Legacy, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(1L, await SqliteCrmFiles.ScalarAsync(_files.Legacy,
            "SELECT COUNT(*) FROM users WHERE updated_at = '2030-01-02 03:04:05'"));
        Assert.InRange((long)(await SqliteCrmFiles.ScalarAsync(_files.Legacy,
            "SELECT COUNT(*) FROM transactions WHERE updated_at = '2030-01-02 03:04:05'"))!, 3L, 6L);
    }

    [Fact]
    public async Task SimulateActivityAsync_EmptyFile_WritesNothing()
    {
        await DemoCrm.EnsureSeededAsync(_files.LegacyPath, 0, 0);

        var written = await DemoCrm.SimulateActivityAsync(_files.LegacyPath, 4, DateTime.UtcNow, new Random(7));

        Assert.Equal(0, written);
    }

    public void Dispose() => _files.Dispose();
}
