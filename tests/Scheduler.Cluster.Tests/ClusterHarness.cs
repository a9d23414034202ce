using Microsoft.Extensions.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;

namespace Scheduler.Cluster.Tests;

/// <summary>
/// An in-process test cluster against a real redis-server, with one schedule, <see cref="Schedule"/>, under a key
/// prefix of its own, so tests never share a ring.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    /// <summary>The schedule every harness configures.</summary>
    public const string Schedule = "users";

    private const string Settings = $"Scheduler:Schedules:{Schedule}:";

    private ClusterHarness(TestCluster cluster, ScheduleRing ring, string keyPrefix)
    {
        Cluster = cluster;
        Ring = ring;
        KeyPrefix = keyPrefix;
    }

    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; }

    /// <summary>The schedule's ring, read and written straight in Redis.</summary>
    public ScheduleRing Ring { get; }

    /// <summary>The prefix of every Redis key of this harness.</summary>
    public string KeyPrefix { get; }

    /// <summary>The schedule's coordinator.</summary>
    public ICoordinatorGrain Coordinator => Cluster.Client.GetGrain<ICoordinatorGrain>(Schedule);

    /// <summary>
    /// Starts <paramref name="silos"/> silos. The schedule ticks every 200 ms over a one-hour period with batches of
    /// 500 and the noop processor; <paramref name="schedule"/> overrides or adds schedule settings by name (e.g.
    /// <c>BatchSize</c>) and <paramref name="other"/> any other configuration key.
    /// </summary>
    public static async Task<ClusterHarness> StartAsync(
        RedisServerFixture redis,
        string keyPrefix,
        int silos,
        IReadOnlyDictionary<string, string?>? schedule = null,
        IReadOnlyDictionary<string, string?>? other = null)
    {
        ArgumentNullException.ThrowIfNull(redis);

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Scheduler:KeyPrefix"] = keyPrefix,
            [Settings + "Period"] = "01:00:00",
            [Settings + "TickInterval"] = "00:00:00.200",
            [Settings + "BatchSize"] = "500",
            [Settings + "Processor"] = "noop",
        };
        foreach (var (name, value) in schedule ?? new Dictionary<string, string?>())
        {
            settings[Settings + name] = value;
        }

        foreach (var (key, value) in other ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = new TestClusterBuilder((short)silos);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        var ring = new ScheduleRing(redis.Connection.GetDatabase(), Schedule, keyPrefix);
        return new ClusterHarness(cluster, ring, keyPrefix);
    }

    /// <summary>Enrols the ids <c>user0</c> to <c>user{count - 1}</c> and returns them.</summary>
    public async Task<IReadOnlyList<string>> EnrolAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"user{i}").ToArray();
        await Ring.EnrolAsync(ids);
        return ids;
    }

    /// <summary>
    /// Activates the coordinator on <paramref name="silo"/> through a placement hint and returns the silo it is
    /// on, which is <paramref name="silo"/> unless it was active elsewhere already.
    /// </summary>
    public async Task<SiloAddress> StartCoordinatorOnAsync(SiloAddress silo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await Coordinator.StartAsync();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        return await CoordinatorSiloAsync();
    }

    /// <summary>The silo the coordinator is active on, as the grain directory knows it.</summary>
    public async Task<SiloAddress> CoordinatorSiloAsync()
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        return await management.GetActivationAddress(Coordinator)
            ?? throw new InvalidOperationException("The coordinator has no activation.");
    }

    /// <summary>
    /// The status, asking again while calls fail (e.g. while membership settles after a silo died) until
    /// <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<ScheduleStatus> StatusAsync(TimeSpan timeout)
    {
        ScheduleStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await Coordinator.GetStatusAsync();
                return true;
            },
            timeout,
            "the coordinator to answer");
        return status!;
    }

    /// <summary>
    /// Waits until cycle <paramref name="cycle"/> has ended with nothing in flight, asking the coordinator again
    /// when a call fails, and returns the status that showed it.
    /// </summary>
    public async Task<ScheduleStatus> WaitForCycleEndAsync(long cycle, TimeSpan timeout)
    {
        ScheduleStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await Coordinator.GetStatusAsync();
                return status.Cycle > cycle && status.InFlight == 0;
            },
            timeout,
            $"cycle {cycle} to end with nothing in flight");
        return status!;
    }

    /// <summary>Waits until the coordinator reports at least <paramref name="processed"/> ids processed.</summary>
    public async Task<ScheduleStatus> WaitForProcessedAsync(long processed, TimeSpan timeout)
    {
        ScheduleStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await Coordinator.GetStatusAsync();
                return status.Processed >= processed;
            },
            timeout,
            $"{processed} ids to be processed");
        return status!;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
