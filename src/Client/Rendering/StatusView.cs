using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Scheduler.Client.Rendering;

/// <summary>
/// The status of a schedule as a table for people: used by <c>status</c> and redrawn in place by <c>watch</c>.
/// A pure function of the status, so it can be rendered to a string and checked.
/// </summary>
public static class StatusView
{
    /// <summary>
    /// Renders <paramref name="status"/>; <paramref name="note"/> (e.g. a lost connection) goes below it.
    /// </summary>
    public static IRenderable Render(ScheduleStatus status, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(status);

        var figures = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Add(figures, "enrolled", Count(status.Enrolled));
        Add(figures, "cycle", $"{Count(status.Cycle)}{(status.Forced ? " (forced)" : "")}");
        Add(figures, "claimed", $"{Count(status.CycleClaimed)} of {Count(status.Enrolled)} "
            + $"({Percent(status.CycleClaimed, status.Enrolled)}), pacing target {Count(status.CycleTarget)}");
        Add(figures, "in flight", Count(status.InFlight));
        Add(figures, "parked", Count(status.Parked));
        Add(figures, "processed", $"{Count(status.Processed)} ({Count(status.Failed)} failures)");
        Add(figures, "state", status.Paused ? "paused" : "running");
        Add(figures, "rate", $"{Rate(status.AchievedRate)} ids/s of {Rate(status.RequiredRate)} ids/s needed");
        Add(figures, "behind schedule", Seconds(status.BehindScheduleSeconds));
        Add(figures, "period", $"{status.Period} ({(status.CanMeetPeriod ? "can be met" : "cannot be met")}, "
            + $"{status.SilosNeeded} silos needed)");
        Add(figures, "stalest record", status.StalestRecordAge is { } age ? Seconds(age.TotalSeconds) : "unknown yet");
        Add(figures, "projected end", status.ProjectedCycleEnd is { } end
            ? end.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : "unknown yet");

        var silos = new Table().Border(TableBorder.Rounded).AddColumn("silo").AddColumn(new TableColumn("processed")
            .RightAligned()).AddColumn("state");
        foreach (var silo in StatusReport.SilosOf(status))
        {
            silos.AddRow(Markup.Escape(silo.Address), Count(silo.Processed), silo.Active ? "active" : "gone");
        }

        var rows = new List<IRenderable>
        {
            new Panel(figures).Header($"schedule {Markup.Escape(status.Schedule)}").Border(BoxBorder.Rounded),
            silos,
        };
        if (note is not null)
        {
            rows.Add(new Text(note));
        }

        return new Rows(rows);
    }

    private static void Add(Grid grid, string label, string value) =>
        grid.AddRow(new Text(label), new Text(value));

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("N1", CultureInfo.InvariantCulture) + " s";

    private static string Percent(long part, long whole) =>
        whole <= 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");
}
