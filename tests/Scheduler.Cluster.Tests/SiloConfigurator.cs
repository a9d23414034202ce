using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Scheduler.Grains;
using Scheduler.Grains.Processors;
using StackExchange.Redis;

namespace Scheduler.Cluster.Tests;

/// <summary>
/// Configures each in-process silo of a test cluster like the silo host does, against the test Redis, and adds
/// the <see cref="RecordingProcessor"/>.
/// </summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Services.AddScheduler(siloBuilder.Configuration);
        siloBuilder.Services.AddRecordProcessor<RecordingProcessor>(RecordingProcessor.ProcessorName);
        siloBuilder.Services.AddScheduleRings(_ =>
            ConnectionMultiplexer.Connect(siloBuilder.Configuration.GetConnectionString("Redis")!));
    }
}
