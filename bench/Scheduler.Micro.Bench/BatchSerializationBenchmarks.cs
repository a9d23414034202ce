using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Scheduler.Abstractions;

namespace Scheduler.Micro.Bench;

/// <summary>
/// The Orleans serialization of one <see cref="BatchAssignment"/>, which every dispatch from the coordinator to a
/// worker on another silo pays in both directions.
/// </summary>
[MemoryDiagnoser]
public class BatchSerializationBenchmarks : IDisposable
{
    private ServiceProvider _services = null!;
    private Serializer<BatchAssignment> _serializer = null!;
    private BatchAssignment _batch = null!;
    private byte[] _bytes = [];

    /// <summary>Ids in the batch.</summary>
    [Params(100, 500)]
    public int BatchSize { get; set; }

    /// <summary>Builds the serializer with the scheduler's generated codecs and one batch of ids.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(BatchAssignment).Assembly))
            .BuildServiceProvider();
        _serializer = _services.GetRequiredService<Serializer<BatchAssignment>>();
        _batch = new BatchAssignment
        {
            Schedule = "users",
            BatchId = 123_456,
            Deadline = DateTimeOffset.UnixEpoch.AddDays(20_000),
            Ids = Enumerable.Range(0, BatchSize)
                .Select(i => "rec:" + i.ToString("D8", CultureInfo.InvariantCulture))
                .ToArray(),
        };
        _bytes = _serializer.SerializeToArray(_batch);
    }

    /// <summary>Serializes the batch to a new array.</summary>
    [Benchmark]
    public byte[] Serialize() => _serializer.SerializeToArray(_batch);

    /// <summary>Reads the batch back.</summary>
    [Benchmark]
    public BatchAssignment? Deserialize() => _serializer.Deserialize(_bytes);

    /// <inheritdoc />
    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }
}
