using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Scheduler.Grains.Tests.Options;

/// <summary>Builds the scheduler's services from in-memory configuration, the way a silo's host does.</summary>
internal static class SchedulerHost
{
    public static ServiceProvider Build(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddScheduler(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public static ServiceProvider Build(params (string Key, string Value)[] settings) =>
        Build(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
}
