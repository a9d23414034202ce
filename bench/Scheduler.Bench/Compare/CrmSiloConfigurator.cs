using Orleans.TestingHost;
using Scheduler.Bench.Cluster;
using Scheduler.Crm;

namespace Scheduler.Bench.Compare;

/// <summary>The cluster benchmark's silo wiring plus the <c>crm-sync</c> processor, as the silo adds it.</summary>
internal sealed class CrmSiloConfigurator : ISiloConfigurator
{
    /// <inheritdoc />
    public void Configure(ISiloBuilder siloBuilder)
    {
        new BenchSiloConfigurator().Configure(siloBuilder);
        siloBuilder.Services.AddCrmSync(siloBuilder.Configuration);
    }
}
