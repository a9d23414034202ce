using System.Diagnostics;
using System.Text.Json;
using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;

namespace Scheduler.Process.Tests;

/// <summary>The real <c>scheduler</c> console waiting on a cycle while a silo dies under it.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClientRideThroughTests(RedisServerFixture redis)
{
    [Fact]
    public async Task CycleWait_WhenASiloIsKilledMidCycle_RidesThroughAndReportsTheCycle()
    {
        const int Count = 20_000;
        await using var cluster = new ProcessCluster(redis, new Dictionary<string, string>
        {
            ["Scheduler:Schedules:users:TickInterval"] = "00:00:00.200",
            ["Scheduler:Schedules:users:LeaseDuration"] = "00:00:03",
            ["Scheduler:Schedules:users:MaxRecordsPerSecond"] = "4000",
        });
        var first = await cluster.StartSiloAsync();
        await cluster.StartSiloAsync();
        await cluster.ConnectAsync();
        await new ScheduleRing(redis.Connection.GetDatabase(), "users", cluster.KeyPrefix)
            .EnrolAsync(Enumerable.Range(0, Count).Select(i => $"user{i}").ToArray());

        using var client = StartClient(cluster, "cycle", "--wait", "--json", "--timeout", "180");
        var coordinator = cluster.Client.GetGrain<ICoordinatorGrain>("users");
        await Poll.UntilAsync(
            async () => await coordinator.GetStatusAsync() is { Forced: true, Processed: > 0 },
            TimeSpan.FromSeconds(60),
            "the client to force the cycle and processing to start");
        await first.KillAsync();
        var exited = client.WaitForExitAsync();
        await exited.WaitAsync(TimeSpan.FromMinutes(4));

        var stdout = await client.StandardOutput.ReadToEndAsync();
        var stderr = await client.StandardError.ReadToEndAsync();
        Assert.True(client.ExitCode == 0, $"scheduler exited {client.ExitCode}: {stderr}");
        using var summary = JsonDocument.Parse(stdout);
        Assert.True(summary.RootElement.GetProperty("processed").GetInt64() > 0);
        var check = await new ScheduleRing(redis.Connection.GetDatabase(), "users", cluster.KeyPrefix).VerifyAsync();
        Assert.True(check.Ok, string.Join("; ", check.Examples));
    }

    private System.Diagnostics.Process StartClient(ProcessCluster cluster, params string[] verb)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(BuildOutput.Of("Client", "scheduler"));
        foreach (var arg in verb)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--redis");
        info.ArgumentList.Add(redis.ConnectionString);
        info.ArgumentList.Add("--cluster-id");
        info.ArgumentList.Add(cluster.ClusterId);
        info.ArgumentList.Add("--service-id");
        info.ArgumentList.Add(cluster.ClusterId);
        return System.Diagnostics.Process.Start(info)
            ?? throw new InvalidOperationException("dotnet did not start scheduler.");
    }
}
