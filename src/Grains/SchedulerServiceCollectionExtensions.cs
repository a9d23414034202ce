using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scheduler.Grains.Coordination;
using Scheduler.Grains.Metrics;
using Scheduler.Grains.Options;
using Scheduler.Grains.Processors;
using Scheduler.Ring;
using StackExchange.Redis;

namespace Scheduler.Grains;

/// <summary>Registers the scheduler's options and processors.</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SchedulerOptions"/> from the <c>Scheduler</c> section and
    /// <see cref="SimulatedProcessorOptions"/> from the <c>Simulated</c> section of
    /// <paramref name="configuration"/>, validates both when the host starts, registers the <c>noop</c> and
    /// <c>simulated</c> processors with the <see cref="ProcessorRegistry"/>, the <see cref="SchedulerMetrics"/>,
    /// and the system clock unless a <see cref="TimeProvider"/> is already registered.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SchedulerMetrics>();

        services.AddOptions<SchedulerOptions>()
            .Bind(configuration.GetSection(SchedulerOptions.SectionName))
            .Configure(options => BindSchedulesStrictly(configuration.GetSection(SchedulerOptions.SectionName),
                options))
            .PostConfigure(AddDefaultSchedule)
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());

        services.AddOptions<SimulatedProcessorOptions>()
            .Bind(configuration.GetSection(SimulatedProcessorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor
            .Singleton<IValidateOptions<SimulatedProcessorOptions>, SimulatedProcessorOptionsValidator>());

        services.AddRecordProcessor<NoopProcessor>(NoopProcessor.ProcessorName);
        services.AddRecordProcessor<SimulatedProcessor>(SimulatedProcessor.ProcessorName);
        return services;
    }

    /// <summary>
    /// Registers the Redis connection the rings live on, made by <paramref name="connect"/> once per silo, and the
    /// <see cref="ScheduleRings"/> the grains reach them through.
    /// </summary>
    public static IServiceCollection AddScheduleRings(
        this IServiceCollection services,
        Func<IServiceProvider, IConnectionMultiplexer> connect)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connect);

        services.AddSingleton(connect);
        services.AddSingleton<ScheduleRings>();
        return services;
    }

    private static void BindSchedulesStrictly(IConfigurationSection section, SchedulerOptions options)
    {
        // The binder silently drops a dictionary entry when one of its values fails to convert, so a schedule with
        // "BatchSize=many" would vanish and the default schedule run in its place. Binding each schedule on its
        // own throws instead, naming the setting, and start-up fails.
        foreach (var schedule in section.GetSection(nameof(SchedulerOptions.Schedules)).GetChildren())
        {
            var settings = new ScheduleOptions();
            schedule.Bind(settings);
            options.Schedules[schedule.Key] = settings;
        }
    }

    private static void AddDefaultSchedule(SchedulerOptions options)
    {
        if (options.Schedules.Count == 0)
        {
            options.Schedules[ScheduleNames.Default] = new ScheduleOptions();
        }
    }
}
