namespace Scheduler.Grains.Processors;

/// <summary>
/// Settings of the <c>simulated</c> processor, bound from the <c>Simulated</c> configuration section.
/// </summary>
public sealed class SimulatedProcessorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Simulated";

    /// <summary>How long each batch takes, whatever its size. Default 50 ms; zero answers at once.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The chance, from 0 to 1, that any one record fails. Default 0: nothing fails.</summary>
    public double FailureRate { get; set; }

    /// <summary>
    /// Whether to count the processings of every record id, readable with
    /// <see cref="SimulatedProcessor.ProcessingsOf"/>. Default false: it costs memory per id, so it is for tests.
    /// </summary>
    public bool CountPerId { get; set; }

    /// <summary>
    /// Whether to record every processing in Redis, in the hash <c>{prefix:schedule}:simulated:processed</c> (id
    /// → processings), and the most batches processing at once across the cluster in
    /// <c>{prefix:schedule}:simulated:peak-processing</c>: three round trips per batch. Default false: it is for
    /// tests that count processings across silo processes, which the in-memory counts cannot.
    /// </summary>
    public bool RecordProcessings { get; set; }

    /// <summary>
    /// Ids starting with this prefix always fail, whatever <see cref="FailureRate"/> says, so tests can plant
    /// poison records. Default none.
    /// </summary>
    public string? PoisonPrefix { get; set; }
}
