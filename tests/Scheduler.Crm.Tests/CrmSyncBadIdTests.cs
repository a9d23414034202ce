using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class CrmSyncBadIdTests(MariaDbFixture fixture)
{
    [Fact]
    public async Task ProcessAsync_IdsThatAreNotPositiveIntegers_FailAtOnceWhileOthersSucceed()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "bad_ids");
        await LegacySeeder.SeedAsync(db.Legacy, 2, 2);
        using var processor = db.CreateProcessor();
        string[] bad = ["abc", "-3", "0", "007", " 2", "+2", "1.5", "99999999999999999999", ""];

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ["1", .. bad, "2"], default);

        Assert.Equal(bad, failures.Select(f => f.Id));
        Assert.All(failures, f => Assert.Contains("can never succeed", f.Error, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.True(f.Permanent));
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
    }

    [Fact]
    public async Task ProcessAsync_IdMissingFromLegacy_FailsSayingSoWhileOthersSucceed()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "missing");
        await LegacySeeder.SeedAsync(db.Legacy, 2, 2);
        using var processor = db.CreateProcessor();

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, ["1", "424242", "2"], default);

        var failure = Assert.Single(failures);
        Assert.Equal("424242", failure.Id);
        Assert.Contains("does not exist in the legacy", failure.Error, StringComparison.Ordinal);
        Assert.True(failure.Permanent, "a missing user must be parked at once, not retried");
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
        Assert.Equal(2L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM sync_state"));
    }

    [Fact]
    public async Task ProcessAsync_SqlInjectionIds_RejectedAndLegacyUntouched()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "injection");
        await LegacySeeder.SeedAsync(db.Legacy, 3, 2);
        var legacyBefore = await CrmDatabases.SnapshotAsync(db.Legacy);
        using var processor = db.CreateProcessor();
        string[] attacks =
        [
            "1; DROP TABLE users",
            "1 OR 1=1",
            "1') OR ('1'='1",
            "'; DELETE FROM transactions; --",
            "1/**/UNION/**/SELECT/**/1",
        ];

        var failures = await processor.ProcessAsync(CrmDatabases.Schedule, [.. attacks, "1"], default);

        Assert.Equal(attacks, failures.Select(f => f.Id));
        Assert.Equal(legacyBefore, await CrmDatabases.SnapshotAsync(db.Legacy));
        Assert.Equal(1L, await CrmDatabases.ScalarAsync(db.Target, "SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task ProcessAsync_Cancelled_ThrowsRatherThanReportingFailures()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "cancelled");
        await LegacySeeder.SeedAsync(db.Legacy, 2, 2);
        using var processor = db.CreateProcessor();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => processor.ProcessAsync(CrmDatabases.Schedule, ["1", "2"], cancellation.Token));
    }
}
