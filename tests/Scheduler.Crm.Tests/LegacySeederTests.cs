using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class LegacySeederTests(MariaDbFixture fixture)
{
    [Fact]
    public async Task SeedAsync_MoreUsersThanOneChunk_WritesEveryRowAndReportsProgress()
    {
        var legacy = await fixture.CreateDatabaseAsync("crm_seed");
        var progress = new RecordingProgress();
        var users = LegacySeeder.UsersPerChunk + 5;

        await LegacySeeder.SeedAsync(legacy, users, 2, progress);

        Assert.Equal([LegacySeeder.UsersPerChunk, users], progress.Reports);
        Assert.Equal((long)users, await CrmDatabases.ScalarAsync(legacy, "SELECT COUNT(*) FROM users"));
        Assert.Equal(users * 2L, await CrmDatabases.ScalarAsync(legacy, "SELECT COUNT(*) FROM transactions"));
        Assert.Equal(2L, await CrmDatabases.ScalarAsync(legacy,
            "SELECT COUNT(*) FROM transactions WHERE user_id = @user", ("@user", users)));
    }

    [Fact]
    public async Task SeedAsync_RunTwice_ReplacesRatherThanDuplicates()
    {
        var legacy = await fixture.CreateDatabaseAsync("crm_seed_twice");

        await LegacySeeder.SeedAsync(legacy, 10, 3);
        var first = await CrmDatabases.SnapshotAsync(legacy);
        await LegacySeeder.SeedAsync(legacy, 10, 3);

        Assert.Equal(first, await CrmDatabases.SnapshotAsync(legacy));
    }

    [Fact]
    public async Task StreamIdsAsync_ChunkSmallerThanTable_YieldsEveryIdInOrderedChunks()
    {
        var legacy = await fixture.CreateDatabaseAsync("crm_stream");
        await LegacySeeder.SeedAsync(legacy, 45, 0);

        var chunks = new List<IReadOnlyList<long>>();
        await foreach (var chunk in LegacyUsers.StreamIdsAsync(legacy, 20))
        {
            chunks.Add(chunk);
        }

        Assert.Equal([20, 20, 5], chunks.Select(c => c.Count));
        Assert.Equal(Enumerable.Range(1, 45).Select(i => (long)i), chunks.SelectMany(c => c));
    }
}
