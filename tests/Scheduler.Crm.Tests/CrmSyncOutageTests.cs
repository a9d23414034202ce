using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

[Collection(MariaDbCollection.Name)]
public sealed class CrmSyncOutageTests(MariaDbFixture fixture)
{
    [Fact]
    public async Task ProcessAsync_LegacyDown_FailsBatchWritesNothingThenNextAttemptSucceeds()
    {
        var db = await CrmDatabases.CreateAsync(fixture, "outage");
        await LegacySeeder.SeedAsync(db.Legacy, 20, 5);
        using var processor = db.CreateProcessor();
        Assert.Empty(await processor.ProcessAsync(CrmDatabases.Schedule, CrmDatabases.Ids(1, 10), default));
        var targetBefore = await CrmDatabases.SnapshotAsync(db.Target);
        var ids = CrmDatabases.Ids(11, 20);

        await fixture.StopAsync();
        IReadOnlyList<Ring.RecordFailure> failures;
        try
        {
            failures = await processor.ProcessAsync(CrmDatabases.Schedule, ids, default);
        }
        finally
        {
            await fixture.StartAsync();
        }

        Assert.Equal(ids, failures.Select(f => f.Id));
        Assert.All(failures, f => Assert.Contains("retried", f.Error, StringComparison.Ordinal));
        Assert.Equal(targetBefore, await CrmDatabases.SnapshotAsync(db.Target));

        var retry = await processor.ProcessAsync(CrmDatabases.Schedule, ids, default);

        Assert.Empty(retry);
        Assert.Equal(await CrmDatabases.SnapshotAsync(db.Legacy), await CrmDatabases.SnapshotAsync(db.Target));
    }
}
