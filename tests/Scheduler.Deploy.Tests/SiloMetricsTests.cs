using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Abstractions;
using Scheduler.Ring;
using Scheduler.Testing;
using StackExchange.Redis;

namespace Scheduler.Deploy.Tests;

/// <summary>A running silo's <c>/metrics</c> and the <c>--health</c> check its image runs.</summary>
public sealed partial class SiloMetricsTests(SiloHost silo) : IClassFixture<SiloHost>
{
    private const int Count = 2_000;
    private const string Schedule = "users";

    [Fact]
    public async Task Metrics_AfterAForcedCycle_ExportTheSchedulerInstrumentsWithValues()
    {
        using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{silo.GarnetPort}"))
        {
            var ring = new ScheduleRing(redis.GetDatabase(), Schedule);
            await ring.EnrolAsync(Enumerable.Range(1, Count).Select(i => $"user-{i}").ToList());
        }

        using var client = await ConnectAsync();
        var coordinator = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICoordinatorGrain>(Schedule);
        var cycle = await coordinator.ForceCycleAsync();
        await Poll.UntilAsync(
            async () => await coordinator.GetStatusAsync() is { InFlight: 0 } status && status.Cycle > cycle,
            TimeSpan.FromSeconds(60),
            $"cycle {cycle} to end");

        // Gauges are refreshed from the coordinator's status every few seconds; wait for one taken after the cycle.
        Dictionary<string, double> metrics = [];
        await Poll.UntilAsync(
            async () =>
            {
                metrics = await ScrapeAsync();
                return metrics.ContainsKey("scheduler_stalest_record_age_seconds");
            },
            TimeSpan.FromSeconds(30),
            "/metrics to report the stalest record's age");

        Assert.True(metrics["scheduler_records_claimed_total"] >= Count, Describe(metrics));
        Assert.True(metrics["scheduler_records_processed_total"] >= Count, Describe(metrics));
        Assert.Equal(0, metrics["scheduler_records_failed_total"]);
        Assert.Equal(0, metrics["scheduler_records_parked_total"]);
        Assert.Equal(0, metrics["scheduler_records_in_flight"]);
        Assert.InRange(metrics["scheduler_cycle_progress"], 0, 1);
        Assert.True(metrics["scheduler_behind_schedule_seconds"] >= 0, Describe(metrics));
        Assert.True(metrics[MetricNames.SilosNeeded] >= 1, Describe(metrics));
        Assert.True(metrics["scheduler_stalest_record_age_seconds"] >= 0, Describe(metrics));
    }

    [Fact]
    public async Task Metrics_Instruments_CarryTheirDescriptionsAndTypes()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics"));

        Assert.Contains($"# TYPE {MetricNames.SilosNeeded} gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE scheduler_records_claimed_total counter", text, StringComparison.Ordinal);
        Assert.Contains($"# HELP {MetricNames.SilosNeeded} Silos the schedule needs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthFlag_SiloRunning_ExitsZero()
    {
        var (code, output) = await RunHealthAsync(silo.HttpPort);

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task HealthFlag_NothingListening_ExitsOneNamingThePort()
    {
        var port = LoopbackPort.PickFree();

        var (code, output) = await RunHealthAsync(port);

        Assert.Equal(1, code);
        Assert.Contains($"port {port}", output, StringComparison.Ordinal);
    }

    private async Task<IHost> ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
            client.UseLocalhostClustering(silo.GatewayPort, silo.ClusterId, silo.ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Every sample of the "users" schedule, by metric name.
    private async Task<Dictionary<string, double>> ScrapeAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics"));
        return Sample().Matches(text)
            .Where(m => m.Groups["labels"].Value.Contains($"schedule=\"{Schedule}\"", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups["name"].Value,
                m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    private string Describe(Dictionary<string, double> metrics) =>
        string.Join(", ", metrics.Select(p => $"{p.Key}={p.Value}")) + $"\n{silo.OutputTail}";

    private static async Task<(int Code, string Output)> RunHealthAsync(int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SiloHost.Assembly);
        info.ArgumentList.Add("--health");
        info.Environment["SCHEDULER_HEALTH_PORT"] = port.ToString(CultureInfo.InvariantCulture);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^(?<name>scheduler_[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
