using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Scheduler.Grains;
using StackExchange.Redis;

namespace Scheduler.Client.Tests;

/// <summary>Configures each in-process silo like the silo host does, against the test Redis.</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Services.AddScheduler(siloBuilder.Configuration);
        siloBuilder.Services.AddScheduleRings(_ =>
            ConnectionMultiplexer.Connect(siloBuilder.Configuration.GetConnectionString("Redis")!));
    }
}
