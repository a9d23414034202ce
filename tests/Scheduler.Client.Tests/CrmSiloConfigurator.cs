using Orleans.TestingHost;
using Scheduler.Crm;

namespace Scheduler.Client.Tests;

/// <summary>Configures each in-process silo like the silo host does when a schedule uses <c>crm-sync</c>.</summary>
public sealed class CrmSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        new SiloConfigurator().Configure(siloBuilder);
        siloBuilder.Services.AddCrmSync(siloBuilder.Configuration);
    }
}
