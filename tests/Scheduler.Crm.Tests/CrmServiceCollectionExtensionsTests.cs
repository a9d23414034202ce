using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Processors;

namespace Scheduler.Crm.Tests;

public sealed class CrmServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmSync_Configured_RegistersCrmSyncProcessorWithBoundOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Legacy"] = "Server=legacy;Database=crm",
            ["ConnectionStrings:Target"] = "Server=target;Database=app",
            ["CrmSync:WatermarkSafetyMargin"] = "00:10:00",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddCrmSync(configuration).BuildServiceProvider();

        var processor = services.GetRequiredService<ProcessorRegistry>().Get(CrmSyncProcessor.ProcessorName);
        var options = services.GetRequiredService<IOptions<CrmSyncOptions>>().Value;

        Assert.IsType<CrmSyncProcessor>(processor);
        Assert.Equal("Server=legacy;Database=crm", options.LegacyConnectionString);
        Assert.Equal(TimeSpan.FromMinutes(10), options.WatermarkSafetyMargin);
    }

    [Fact]
    public void AddCrmSync_ConnectionStringsMissing_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddCrmSync(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<CrmSyncOptions>>().Value);

        Assert.Contains("ConnectionStrings:Legacy", error.Message, StringComparison.Ordinal);
    }
}
