using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Scheduler.Grains;
using StackExchange.Redis;

namespace Scheduler.Bench.Cluster;

/// <summary>
/// Wires each in-process silo like the cluster tests do: the scheduler's settings from the host configuration,
/// one Redis connection per silo, and in-memory reminders, which the coordinator needs only to stay active.
/// </summary>
internal sealed class BenchSiloConfigurator : ISiloConfigurator
{
    /// <inheritdoc />
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.Services.AddScheduler(siloBuilder.Configuration);
        siloBuilder.Services.AddScheduleRings(_ =>
            ConnectionMultiplexer.Connect(siloBuilder.Configuration.GetConnectionString("Redis")!));
    }
}
