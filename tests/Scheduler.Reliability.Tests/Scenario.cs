using System.Globalization;
using Orleans.Runtime;
using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;
using Xunit.Abstractions;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// One reliability scenario: a cluster of real silo processes running the <c>simulated</c> processor, which records
/// every processing in Redis, the ids it enrolled and the ledger that accounts for them.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    /// <summary>Whether <c>SCHEDULER_SOAK=1</c> asks for the long, large variant of each scenario.</summary>
    public static readonly bool Soak = Environment.GetEnvironmentVariable("SCHEDULER_SOAK") == "1";

    private readonly RedisServerFixture _redis;
    private readonly ITestOutputHelper _output;

    private Scenario(RedisServerFixture redis, ITestOutputHelper output, ProcessCluster cluster)
    {
        _redis = redis;
        _output = output;
        Cluster = cluster;
        Ring = new ScheduleRing(redis.Connection.GetDatabase(), "users", cluster.KeyPrefix);
    }

    /// <summary>The silo processes and the client.</summary>
    public ProcessCluster Cluster { get; }

    /// <summary>The schedule's ring, read straight from Redis.</summary>
    public ScheduleRing Ring { get; }

    /// <summary>The books of the enrolled ids; set by <see cref="EnrolAsync"/>.</summary>
    public Ledger Ledger { get; private set; } = null!;

    /// <summary>The schedule's coordinator.</summary>
    public ICoordinatorGrain Coordinator => Cluster.Client.GetGrain<ICoordinatorGrain>("users");

    /// <summary>Silos started and not killed.</summary>
    public List<SiloProcess> Alive { get; } = [];

    /// <summary>
    /// Starts <paramref name="silos"/> silos with the scenario's settings over the defaults (a forced cycle of a
    /// few seconds, held back by a records-per-second ceiling so faults land inside it) and connects the client.
    /// </summary>
    public static async Task<Scenario> StartAsync(RedisServerFixture redis, ITestOutputHelper output, int silos,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Scheduler:Schedules:users:Processor"] = "simulated",
            // A period of ten years keeps the paced cycle that follows a forced one from processing anything.
            ["Scheduler:Schedules:users:Period"] = "3650.00:00:00",
            ["Scheduler:Schedules:users:TickInterval"] = "00:00:00.200",
            ["Scheduler:Schedules:users:LeaseDuration"] = "00:00:03",
            ["Scheduler:Schedules:users:BatchSize"] = "500",
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "3000",
            ["Simulated:Latency"] = "00:00:00.020",
            ["Simulated:RecordProcessings"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var scenario = new Scenario(redis, output, new ProcessCluster(redis, all));
        for (var i = 0; i < silos; i++)
        {
            await scenario.StartSiloAsync();
        }

        await scenario.Cluster.ConnectAsync();
        return scenario;
    }

    /// <summary>The number of ids a scenario enrols: tens of thousands, ten times more in soak mode.</summary>
    public static int Scale(int count) => Soak ? count * 10 : count;

    /// <summary>Starts one more silo and waits until it is ready.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var silo = await Cluster.StartSiloAsync();
        Alive.Add(silo);
        return silo;
    }

    /// <summary>Enrols <paramref name="count"/> ids (plus <paramref name="extra"/>) and opens the ledger.</summary>
    public async Task EnrolAsync(int count, IReadOnlyList<string>? extra = null)
    {
        string[] ids = [.. Enumerable.Range(0, count).Select(i => $"user{i}"), .. extra ?? []];
        await Ring.EnrolAsync(ids);
        Ledger = new Ledger(_redis.Connection, Ring, ids);
    }

    /// <summary>Enrols exactly <paramref name="ids"/> (for processors that need ids of their own form, such as
    /// <c>crm-sync</c>'s legacy user ids) and opens the ledger.</summary>
    public async Task EnrolIdsAsync(IReadOnlyList<string> ids)
    {
        await Ring.EnrolAsync(ids);
        Ledger = new Ledger(_redis.Connection, Ring, ids);
    }

    /// <summary>Forces a cycle, riding through a cluster that is still settling after a fault.</summary>
    public Task<long> ForceCycleAsync() =>
        Cluster.RetryAsync(client => client.GetGrain<ICoordinatorGrain>("users").ForceCycleAsync());

    /// <summary>Waits until <paramref name="processed"/> ids have been processed over the schedule's life.</summary>
    public Task WaitForProcessedAsync(long processed) =>
        Poll.UntilAsync(
            async () => (await Ring.GetCountsAsync()).Processed >= processed,
            TimeSpan.FromSeconds(90),
            $"{processed} ids to be processed");

    /// <summary>Waits for <paramref name="cycle"/> to end with nothing in flight and closes it in the ledger.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CompleteCycleAsync(long cycle)
    {
        await Cluster.WaitForCycleAsync(cycle);
        return await Ledger.CloseCycleAsync();
    }

    /// <summary>The silo the coordinator is active on, as the grain directory knows it.</summary>
    public async Task<SiloProcess> CoordinatorSiloAsync()
    {
        SiloAddress? address = null;
        await Poll.UntilAsync(
            async () =>
            {
                await Coordinator.GetStatusAsync();
                address = await Cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(Coordinator);
                return address is not null;
            },
            TimeSpan.FromSeconds(30),
            "the coordinator to be active");
        return Alive.Single(silo => silo.SiloPort == address!.Endpoint.Port);
    }

    /// <summary>Kills <paramref name="silo"/> with SIGKILL.</summary>
    public async Task KillAsync(SiloProcess silo)
    {
        await silo.KillAsync();
        Alive.Remove(silo);
        _output.WriteLine($"killed the silo on port {silo.SiloPort.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Takes the accounting, prints its line and returns it.</summary>
    public async Task<Accounting> AccountAsync(string name)
    {
        var accounting = await Ledger.AccountAsync(name);
        _output.WriteLine(accounting.ToString());
        return accounting;
    }

    /// <summary>The output of every silo, for a failure message.</summary>
    public string SiloOutput() => string.Join("\n---\n", Cluster.Silos.Select(silo => silo.OutputTail));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
