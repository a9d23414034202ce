using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Options;
using Scheduler.Grains.Processors;

namespace Scheduler.Crm;

/// <summary>Registers the <c>crm-sync</c> processor, on MySQL or MariaDB or as the embedded SQLite demo.</summary>
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

    /// <summary>
    /// The embedded demo: <see cref="AddCrmSync"/> with <c>CrmSync:Provider</c> set to <c>sqlite</c> and the
    /// connection strings set to two files in <paramref name="dataDirectory"/> (whatever the configuration says),
    /// a schedule named <see cref="CrmSyncDemoOptions.Schedule"/> running <c>crm-sync</c>, added to those configured,
    /// and a hosted service that, once the host has started, seeds the legacy file on first start, enrols every
    /// legacy user in that schedule and plays a little legacy activity. Call it after
    /// <c>AddScheduler</c>, so that the default schedule is still added when none is configured.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="configuration">The configuration the other <c>CrmSync</c> settings are bound from.</param>
    /// <param name="dataDirectory">Where the two SQLite files are kept; created when missing.</param>
    /// <param name="configure">Changes the demo's defaults (population, period, activity).</param>
    public static IServiceCollection AddCrmSyncDemo(
        this IServiceCollection services,
        IConfiguration configuration,
        string dataDirectory,
        Action<CrmSyncDemoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);

        var demo = new CrmSyncDemoOptions { DataDirectory = Path.GetFullPath(dataDirectory) };
        configure?.Invoke(demo);
        Directory.CreateDirectory(demo.DataDirectory);

        services.AddCrmSync(configuration);
        services.PostConfigure<CrmSyncOptions>(options =>
        {
            options.Provider = CrmSyncOptions.SqliteProvider;
            options.LegacyConnectionString = DemoCrm.ConnectionString(demo.LegacyPath);
            options.TargetConnectionString = DemoCrm.ConnectionString(demo.TargetPath);
        });
        services.PostConfigure<SchedulerOptions>(options => options.Schedules.TryAdd(demo.Schedule,
            new ScheduleOptions { Processor = CrmSyncProcessor.ProcessorName, Period = demo.Period }));

        services.TryAddSingleton(demo);
        services.AddHostedService<CrmDemoService>();
        return services;
    }
}
