using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Testing;

namespace Scheduler.Client.Tests;

/// <summary>
/// A two-silo in-process cluster on a real redis-server, shared by every client test. Each test class uses a
/// schedule of its own, so counts never leak between classes.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The schedules the silos are configured with.</summary>
    public static readonly string[] Schedules =
        ["users", "add", "bad", "cycle", "status", "verify", "records", "repair", "repair-missing"];

    private readonly RedisServerFixture _redis = new();
    private TestCluster? _cluster;

    public string Prefix { get; } = $"client-{Guid.NewGuid():N}";

    public RedisServerFixture Redis => _redis;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["Scheduler:KeyPrefix"] = Prefix,
        };
        foreach (var schedule in Schedules)
        {
            settings[$"Scheduler:Schedules:{schedule}:Period"] = "1.00:00:00";
            settings[$"Scheduler:Schedules:{schedule}:TickInterval"] = "00:00:00.200";
            settings[$"Scheduler:Schedules:{schedule}:BatchSize"] = "500";
            settings[$"Scheduler:Schedules:{schedule}:Processor"] = "noop";
        }

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    /// <summary>Runs the console with <paramref name="args"/>, reading <paramref name="stdin"/>.</summary>
    public async Task<ClientRun> RunAsync(string[] args, string stdin = "")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);

        var code = await ClientApp.RunAsync(args, stdout, stderr, input, Cluster.Client);
        return new ClientRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the console with <paramref name="args"/> and no stdin.</summary>
    public Task<ClientRun> RunAsync(params string[] args) => RunAsync(args, "");

    /// <summary>The enrolled count of <paramref name="schedule"/>, straight from the ring.</summary>
    public async Task<long> EnrolledAsync(string schedule) =>
        (await Cluster.Client.GetGrain<IRecordsGrain>(schedule).VerifyAsync()).Enrolled;
}
