using System.Reflection;

namespace Scheduler.Ring;

/// <summary>The ring engine's Lua scripts, read once from the assembly's resources.</summary>
public static class RingScripts
{
    /// <summary>Enrols ids.</summary>
    public static RingScript Enrol { get; } = Load("enrol");

    /// <summary>Removes ids.</summary>
    public static RingScript Remove { get; } = Load("remove");

    /// <summary>Claims and leases the next ids.</summary>
    public static RingScript Claim { get; } = Load("claim");

    /// <summary>Acknowledges a batch and records its failures.</summary>
    public static RingScript Complete { get; } = Load("complete");

    /// <summary>Puts ids on the priority lane.</summary>
    public static RingScript Refresh { get; } = Load("refresh");

    /// <summary>Re-queues parked ids.</summary>
    public static RingScript Requeue { get; } = Load("requeue");

    /// <summary>Marks the current cycle as forced.</summary>
    public static RingScript Force { get; } = Load("force");

    /// <summary>Reads the counts for status.</summary>
    public static RingScript Counts { get; } = Load("counts");

    /// <summary>Repairs a ring tampered with by hand.</summary>
    public static RingScript Repair { get; } = Load("repair");

    /// <summary>Every script, for loading them ahead of use.</summary>
    public static IReadOnlyList<RingScript> All { get; } =
    [
        Enrol, Remove, Claim, Complete, Refresh, Requeue, Force, Counts, Repair,
    ];

    private static RingScript Load(string name) => new(name, Read("common") + "\n" + Read(name));

    private static string Read(string name)
    {
        var resource = $"Scheduler.Ring.Scripts.{name}.lua";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded script {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
