using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Processors;

namespace Scheduler.Crm;

/// <summary>Registers the <c>crm-sync</c> processor.</summary>
public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="CrmSyncOptions"/> from <c>ConnectionStrings:Legacy</c>, <c>ConnectionStrings:Target</c> and
    /// the <c>CrmSync</c> section of <paramref name="configuration"/>, validates them when the host starts, and
    /// registers <see cref="CrmSyncProcessor"/> as the processor named <c>crm-sync</c>.
    /// </summary>
    public static IServiceCollection AddCrmSync(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<CrmSyncOptions>()
            .Bind(configuration.GetSection(CrmSyncOptions.SectionName))
            .Configure(options =>
            {
                options.LegacyConnectionString = configuration[CrmSyncOptions.LegacyKey] ?? string.Empty;
                options.TargetConnectionString = configuration[CrmSyncOptions.TargetKey] ?? string.Empty;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<CrmSyncOptions>, CrmSyncOptionsValidator>());

        services.AddRecordProcessor<CrmSyncProcessor>(CrmSyncProcessor.ProcessorName);
        return services;
    }
}
