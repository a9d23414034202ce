using Microsoft.Extensions.Time.Testing;
using Scheduler.Grains.Processors;

namespace Scheduler.Grains.Tests.Processors;

public sealed class SimulatedProcessorTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(1, 100).Select(i => i.ToString("D", null))];

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ProcessAsync_FailureRateOne_FailsEveryId()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero, FailureRate = 1 });

        var failures = await processor.ProcessAsync("users", Ids, CancellationToken.None);

        Assert.Equal(Ids, failures.Select(f => f.Id));
        Assert.All(failures, f => Assert.Equal(SimulatedProcessor.SimulatedError, f.Error));
        Assert.Equal(100, processor.FailedCount("users"));
    }

    [Fact]
    public async Task ProcessAsync_FailureRateZero_FailsNone()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero, FailureRate = 0 });

        var failures = await processor.ProcessAsync("users", Ids, CancellationToken.None);

        Assert.Empty(failures);
        Assert.Equal(0, processor.FailedCount("users"));
    }

    [Fact]
    public async Task ProcessAsync_Latency_FinishesOnlyWhenTheClockHasMovedOnThatFar()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.FromMilliseconds(50) });

        var processing = processor.ProcessAsync("users", Ids, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(49));
        var finishedEarly = processing.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var failures = await processing;

        Assert.False(finishedEarly);
        Assert.Empty(failures);
        Assert.Equal(100, processor.ProcessedCount("users"));
    }

    [Fact]
    public async Task ProcessAsync_CancelledWhileWaiting_ThrowsAndCountsNothing()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.FromSeconds(1) });
        using var cancellation = new CancellationTokenSource();

        var processing = processor.ProcessAsync("users", Ids, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processing);
        Assert.Equal(0, processor.ProcessedCount("users"));
    }

    [Fact]
    public async Task ProcessAsync_SeveralBatches_CountsProcessingsPerSchedule()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero });

        await processor.ProcessAsync("users", Ids, CancellationToken.None);
        await processor.ProcessAsync("users", Ids[..10], CancellationToken.None);
        await processor.ProcessAsync("orders", Ids[..3], CancellationToken.None);

        Assert.Equal(110, processor.ProcessedCount("users"));
        Assert.Equal(3, processor.ProcessedCount("orders"));
        Assert.Equal(0, processor.ProcessedCount("unknown"));
    }

    [Fact]
    public async Task ProcessAsync_ConcurrentBatches_CountsEveryId()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero });

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => processor.ProcessAsync("users", Ids, CancellationToken.None))));

        Assert.Equal(5000, processor.ProcessedCount("users"));
    }

    [Fact]
    public async Task ProcessAsync_CountPerId_CountsEachRecord()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero, CountPerId = true });

        await processor.ProcessAsync("users", Ids, CancellationToken.None);
        await processor.ProcessAsync("users", ["7"], CancellationToken.None);

        Assert.Equal(2, processor.ProcessingsOf("users", "7"));
        Assert.Equal(1, processor.ProcessingsOf("users", "8"));
        Assert.Equal(0, processor.ProcessingsOf("orders", "7"));
    }

    [Fact]
    public async Task ProcessAsync_CountPerIdOff_KeepsNoPerIdCounts()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero });

        await processor.ProcessAsync("users", Ids, CancellationToken.None);

        Assert.Equal(0, processor.ProcessingsOf("users", "7"));
    }

    [Fact]
    public async Task ProcessAsync_PoisonPrefix_FailsExactlyThePoisonIds()
    {
        var processor = Create(new SimulatedProcessorOptions { Latency = TimeSpan.Zero, PoisonPrefix = "bad-" });

        var failures = await processor.ProcessAsync("users", ["bad-1", "good-1", "bad-2", "good-bad-3"],
            CancellationToken.None);

        Assert.Equal(["bad-1", "bad-2"], failures.Select(f => f.Id));
        Assert.Equal(4, processor.ProcessedCount("users"));
    }

    [Fact]
    public void Constructor_RecordProcessingsWithoutRedis_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => Create(new SimulatedProcessorOptions { RecordProcessings = true }));

        Assert.Contains("Simulated:RecordProcessings", error.Message, StringComparison.Ordinal);
    }

    private SimulatedProcessor Create(SimulatedProcessorOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), _time);
}
