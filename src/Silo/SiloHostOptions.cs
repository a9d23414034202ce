namespace Scheduler.Silo;

/// <summary>How the silo joins its cluster, bound from the <c>Orleans</c> configuration section.</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Orleans";

    /// <summary>The cluster's id; silos with the same id form one cluster. Default <c>scheduler</c>.</summary>
    public string ClusterId { get; set; } = "scheduler";

    /// <summary>The service's id, stable across deployments (reminders are keyed by it).</summary>
    public string ServiceId { get; set; } = "orleans-scheduler";

    /// <summary>The port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on; when empty, the host name's address.</summary>
    public string? AdvertisedIP { get; set; }
}
