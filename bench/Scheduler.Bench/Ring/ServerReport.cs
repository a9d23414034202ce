namespace Scheduler.Bench.Ring;

/// <summary>Everything the ring benchmark measured on one server.</summary>
internal sealed class ServerReport(string server, int ids)
{
    /// <summary><c>redis</c>, <c>garnet</c> or <c>external</c>.</summary>
    public string Server { get; } = server;

    /// <summary>Ids enrolled.</summary>
    public int Ids { get; } = ids;

    /// <summary>Enrolment rate, ids per second.</summary>
    public double EnrolPerSecond { get; set; }

    /// <summary>Growth of <c>used_memory</c> per enrolled id, in bytes; null where it is not reported.</summary>
    public double? BytesPerId { get; set; }

    /// <summary>Growth of <c>used_memory</c> per id of the baseline's bare list, in bytes.</summary>
    public double? BaselineBytesPerId { get; set; }

    /// <summary>redis-benchmark's LMOVE requests per second, or null, with why in <see cref="LmoveNote"/>.</summary>
    public double? LmovePerSecond { get; set; }

    /// <summary>The redis-benchmark command line, or why it gave no figure.</summary>
    public string LmoveNote { get; set; } = "";

    /// <summary>Every timed run.</summary>
    public List<Measurement> Runs { get; } = [];

    /// <summary>Server microseconds per id, per target, at the profiled batch size.</summary>
    public Dictionary<string, (double Claim, double Ack)> ServerUs { get; } = new(StringComparer.Ordinal);

    /// <summary>The fastest run of <paramref name="target"/> at <paramref name="batchSize"/>.</summary>
    public Measurement? Best(string target, int batchSize) => Runs
        .Where(r => r.Target == target && r.BatchSize == batchSize)
        .MaxBy(r => r.IdsPerSecond);
}
