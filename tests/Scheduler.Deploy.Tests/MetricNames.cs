namespace Scheduler.Deploy.Tests;

/// <summary>The names the silo's instruments take in the Prometheus text format, which the deploy files use.</summary>
public static class MetricNames
{
    /// <summary>The gauge the autoscaler scales on.</summary>
    public const string SilosNeeded = "scheduler_silos_needed";
}
