namespace Scheduler.Silo;

/// <summary>
/// Settings of the embedded development mode (no <c>ConnectionStrings:Redis</c>), bound from the <c>Embedded</c>
/// configuration section.
/// </summary>
public sealed class EmbeddedOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Embedded";

    /// <summary>
    /// The loopback port of the embedded Garnet server. Default 6380, beside rather than on a local Redis's 6379.
    /// </summary>
    public int GarnetPort { get; set; } = 6380;
}
