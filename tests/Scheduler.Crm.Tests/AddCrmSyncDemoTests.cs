using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scheduler.Grains;
using Scheduler.Grains.Options;

namespace Scheduler.Crm.Tests;

public sealed class AddCrmSyncDemoTests : IDisposable
{
    private readonly SqliteCrmFiles _files = new();

    [Fact]
    public void AddCrmSyncDemo_NoConnectionStrings_ConfiguresSqliteFilesAndDemoSchedule()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmSync:WatermarkSafetyMargin"] = "00:02:00",
        }).Build();
        var dataDirectory = Path.Combine(_files.Directory, "data");
        using var services = new ServiceCollection().AddLogging()
            .AddScheduler(configuration)
            .AddCrmSyncDemo(configuration, dataDirectory, demo => demo.Period = TimeSpan.FromMinutes(2))
            .BuildServiceProvider();

        var crm = services.GetRequiredService<IOptions<CrmSyncOptions>>().Value;
        var scheduler = services.GetRequiredService<IOptions<SchedulerOptions>>().Value;

        Assert.Equal(CrmSyncOptions.SqliteProvider, crm.Provider);
        Assert.Contains(Path.Combine(dataDirectory, DemoCrm.LegacyFileName), crm.LegacyConnectionString,
            StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dataDirectory, DemoCrm.TargetFileName), crm.TargetConnectionString,
            StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(2), crm.WatermarkSafetyMargin);
        Assert.Equal(CrmSyncProcessor.ProcessorName, scheduler.Schedules["crm-demo"].Processor);
        Assert.Equal(TimeSpan.FromMinutes(2), scheduler.Schedules["crm-demo"].Period);
        Assert.Contains("users", scheduler.Schedules.Keys);
        Assert.True(Directory.Exists(dataDirectory));
    }

    public void Dispose() => _files.Dispose();
}
