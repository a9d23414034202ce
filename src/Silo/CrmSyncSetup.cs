using Scheduler.Crm;
using Scheduler.Grains.Options;

namespace Scheduler.Silo;

/// <summary>
/// Registers the <c>crm-sync</c> processor only when a schedule uses it, so that a silo running other processors
/// is not asked for the legacy and target connection strings.
/// </summary>
internal static class CrmSyncSetup
{
    /// <summary>
    /// Whether any <c>Scheduler:Schedules:&lt;name&gt;:Processor</c> names <c>crm-sync</c>, read from the raw
    /// configuration because the scheduler's options are bound only after the services are built.
    /// </summary>
    public static bool IsUsed(IConfiguration configuration) =>
        configuration.GetSection($"{SchedulerOptions.SectionName}:Schedules").GetChildren()
            .Any(schedule => string.Equals(schedule["Processor"], CrmSyncProcessor.ProcessorName,
                StringComparison.Ordinal));

    /// <summary>
    /// The embedded default's first look: a <c>crm-demo</c> schedule running crm-sync between two SQLite files,
    /// seeded with demo users and changed a little every few seconds, so real rows are seen moving. MySQL stays
    /// the product path. The files live in a folder per silo port, so silos side by side do not share them.
    /// </summary>
    public static bool AddDemo(IServiceCollection services, IConfiguration configuration, int siloPort)
    {
        var folder = Path.Combine(Path.GetTempPath(),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"orleans-scheduler-demo-{siloPort}"));
        services.AddCrmSyncDemo(configuration, folder);
        return true;
    }

    /// <summary>Adds the processor and its settings when <see cref="IsUsed"/>; returns whether it did.</summary>
    public static bool AddWhenUsed(IServiceCollection services, IConfiguration configuration)
    {
        if (!IsUsed(configuration))
        {
            return false;
        }

        services.AddCrmSync(configuration);
        return true;
    }
}
