using Scheduler.Abstractions;
using Scheduler.Client.Rendering;
using Spectre.Console;

namespace Scheduler.Client.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WatchViewTests(ClusterFixture cluster)
{
    [Fact]
    public void Render_KnownStatus_ShowsTheKeyFigures()
    {
        var status = new ScheduleStatus
        {
            Schedule = "users",
            Enrolled = 1_234_567,
            Cycle = 42,
            CycleClaimed = 617_283,
            CycleTarget = 700_000,
            Forced = false,
            InFlight = 1_500,
            Parked = 7,
            Paused = true,
            Processed = 50_000_000,
            Failed = 12,
            Silos = [new SiloWork { Address = "S10.0.0.1:11111:1", Processed = 25_000_001 }],
            Period = TimeSpan.FromHours(1),
            RequiredRate = 342.9,
            AchievedRate = 300.5,
            BehindScheduleSeconds = 240.5,
            ProjectedCycleEnd = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
            CanMeetPeriod = false,
            SilosNeeded = 3,
            StalestRecordAge = TimeSpan.FromSeconds(3601),
            ActiveSilos = ["S10.0.0.1:11111:1", "S10.0.0.2:11111:1"],
        };

        var text = RenderToString(StatusView.Render(status, "Reconnecting: gateway lost"));

        Assert.Contains("schedule users", text, StringComparison.Ordinal);
        Assert.Contains("1,234,567", text, StringComparison.Ordinal);
        Assert.Contains("42", text, StringComparison.Ordinal);
        Assert.Contains("617,283 of 1,234,567 (50.0%)", text, StringComparison.Ordinal);
        Assert.Contains("pacing target 700,000", text, StringComparison.Ordinal);
        Assert.Contains("1,500", text, StringComparison.Ordinal);
        Assert.Contains("paused", text, StringComparison.Ordinal);
        Assert.Contains("240.5 s", text, StringComparison.Ordinal);
        Assert.Contains("cannot be met, 3 silos needed", text, StringComparison.Ordinal);
        Assert.Contains("3,601.0 s", text, StringComparison.Ordinal);
        Assert.Contains("2030-01-02 03:04:05 UTC", text, StringComparison.Ordinal);
        Assert.Contains("S10.0.0.1:11111:1", text, StringComparison.Ordinal);
        Assert.Contains("25,000,001", text, StringComparison.Ordinal);
        Assert.Contains("S10.0.0.2:11111:1", text, StringComparison.Ordinal);
        Assert.Contains("Reconnecting: gateway lost", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_LiveStatusFromTheCluster_ShowsEverySilo()
    {
        var status = await cluster.Cluster.Client.GetGrain<ICoordinatorGrain>("users").GetStatusAsync();

        var text = RenderToString(StatusView.Render(status));

        Assert.All(status.ActiveSilos, silo => Assert.Contains(silo, text, StringComparison.Ordinal));
        Assert.Contains("unknown yet", text, StringComparison.Ordinal);
    }

    private static string RenderToString(Spectre.Console.Rendering.IRenderable view)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        console.Write(view);
        return writer.ToString();
    }
}
