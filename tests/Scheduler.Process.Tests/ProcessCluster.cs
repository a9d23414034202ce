using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Scheduler.Abstractions;
using Scheduler.Testing;
using StackExchange.Redis;

namespace Scheduler.Process.Tests;

/// <summary>
/// Real <c>scheduler-silo</c> processes forming one cluster through Redis, with a cluster id and key prefix of
/// their own, and an Orleans client connected the way the console connects.
/// </summary>
public sealed class ProcessCluster(RedisServerFixture redis, IReadOnlyDictionary<string, string> schedule)
    : IAsyncDisposable
{
    /// <summary>The cluster id and service id of this cluster.</summary>
    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}";
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    /// <summary>The key prefix of this cluster's rings.</summary>
    public string KeyPrefix { get; } = $"proc-{Guid.NewGuid():N}";

    /// <summary>The silos started so far, killed ones included.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The connected client.</summary>
    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("Connect the client first.");

    /// <summary>Starts a silo and waits until it is ready.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var settings = new Dictionary<string, string>(schedule)
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ClusterId,
            ["Scheduler:KeyPrefix"] = KeyPrefix,
        };
        var silo = SiloProcess.Start(settings);
        _silos.Add(silo);
        await silo.WaitUntilReadyAsync();
        return silo;
    }

    /// <summary>Connects an Orleans client through Redis clustering.</summary>
    public async Task ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(options =>
                options.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterId;
                options.ServiceId = ClusterId;
            });
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>
    /// Calls <paramref name="call"/> until it succeeds: after a silo dies, calls can fail for a few seconds while
    /// membership settles and the coordinator is activated elsewhere.
    /// </summary>
    public async Task<T> RetryAsync<T>(Func<IClusterClient, Task<T>> call)
    {
        T result = default!;
        await Poll.UntilAsync(
            async () =>
            {
                result = await call(Client);
                return true;
            },
            TimeSpan.FromSeconds(90),
            "a call to the cluster to succeed");
        return result;
    }

    /// <summary>
    /// Waits for cycle <paramref name="cycle"/> to end with nothing in flight, riding through faults.
    /// </summary>
    public async Task<ScheduleStatus> WaitForCycleAsync(long cycle)
    {
        ScheduleStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await Client.GetGrain<ICoordinatorGrain>("users").GetStatusAsync();
                return status.Cycle > cycle && status.InFlight == 0;
            },
            TimeSpan.FromMinutes(3),
            $"cycle {cycle} to end with nothing in flight");
        return status!;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
