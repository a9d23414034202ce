using System.Globalization;
using Scheduler.Bench.Infrastructure;

namespace Scheduler.Bench.Crm;

/// <summary>Prints the crm benchmark's progress lines and, at the end, its table and verdicts.</summary>
internal sealed class CrmReport(TextWriter output, CrmSettings settings)
{
    // The product owner's targets: what the scheduler may add, and how much faster a 1% cycle must be.
    private const double MaxOverhead = 0.05;
    private const double MinSpeedUp = 5;

    /// <summary>Prints one line as it happens.</summary>
    public void Line(string text) => output.WriteLine(text);

    /// <summary>Prints the seeding time.</summary>
    public void Seeded(TimeSpan elapsed) => Line($"== seeded {settings.Users:N0} users x " +
        $"{settings.TransactionsPerUser} transactions in {elapsed.TotalSeconds:F1} s");

    /// <summary>Prints one side's cycles as they end.</summary>
    public void Progress(int round, CrmSide side) => Line(string.Create(CultureInfo.InvariantCulture,
        $"   round {round}, {side.Name}: full cycle {side.Full.Elapsed.TotalSeconds:F2} s, 1% cycle " +
        $"{side.Delta.Elapsed.TotalSeconds:F2} s after {side.Changed:N0} transactions changed"));

    /// <summary>Prints the table, the overhead and the verdicts.</summary>
    public void Print(CrmSide pure, CrmSide scheduler, CrmSide statusColumn, TimeSpan run)
    {
        Line("");
        foreach (var fact in MachineFacts.Describe())
        {
            Line(fact);
        }

        Line($"data:    {settings.Users:N0} legacy users x {settings.TransactionsPerUser} transactions on MariaDB " +
            "(2 GB buffer pool), Redis (redis-server, no persistence); silos and client share this " +
            "one process");
        Line($"run:     {run.TotalSeconds:F0} s");
        Line("");

        Line($"CRM sync end to end against the same data work alone: batches of {settings.BatchSize:N0} users, " +
            $"{settings.Concurrency} in flight (the schedule's BatchSize and MaxConcurrentBatches), no rate " +
            $"ceiling, TickInterval {settings.TickInterval.TotalMilliseconds:F0} ms; the full cycle fills an empty " +
            "target, the 1% cycle follows one change of every hundredth legacy transaction; pure work and " +
            $"scheduler: median of {settings.Rounds} rounds taken in turn, status column: one round");
        var table = new TextTable("", "full cycle s", "users/s", "rows/s", "1% cycle s", "full/1%", "full CPU s",
            "1% CPU s");
        Add(table, pure);
        Add(table, scheduler);
        Add(table, statusColumn);
        output.Write(table);
        Line($"rows: users x {settings.RowsPerUser} (the user and its transactions). CPU: this process and the " +
            "MariaDB and Redis servers it started.");
        Line("");

        Line("CPU s by process (this one: silos, client and database clients; mariadbd; redis-server):");
        var split = new TextTable("", "full: this", "mariadbd", "redis", "1%: this", "mariadbd", "redis");
        Split(split, pure);
        Split(split, scheduler);
        Split(split, statusColumn);
        output.Write(split);
        Line("");

        var fullOverhead = Overhead(scheduler.Full, pure.Full);
        var deltaOverhead = Overhead(scheduler.Delta, pure.Delta);
        Line($"scheduler overhead: {Percent(fullOverhead)} on the full cycle, " +
            $"{Percent(deltaOverhead)} on the 1% cycle");
        Line($"status column overhead: {Percent(Overhead(statusColumn.Full, pure.Full))} on the full cycle, " +
            $"{Percent(Overhead(statusColumn.Delta, pure.Delta))} on the 1% cycle");
        Line(string.Create(CultureInfo.InvariantCulture,
            $"targets: overhead at most {Percent(MaxOverhead)}: full {Verdict(fullOverhead <= MaxOverhead)}, 1% " +
            $"{Verdict(deltaOverhead <= MaxOverhead)}; 1% cycle at least {MinSpeedUp:F0}x faster: pure data work " +
            $"{Verdict(pure.SpeedUp >= MinSpeedUp)}, scheduler {Verdict(scheduler.SpeedUp >= MinSpeedUp)}"));
    }

    private void Add(TextTable table, CrmSide side)
    {
        var seconds = side.Full.Elapsed.TotalSeconds;
        table.Add(side.Name,
            Format(seconds, "F2"),
            Format(settings.Users / seconds, "N0"),
            Format((double)settings.Users * settings.RowsPerUser / seconds, "N0"),
            Format(side.Delta.Elapsed.TotalSeconds, "F2"),
            Format(side.SpeedUp, "F1") + "x",
            Format(side.Full.Cpu.Total.TotalSeconds, "F1"),
            Format(side.Delta.Cpu.Total.TotalSeconds, "F1"));
    }

    private static void Split(TextTable table, CrmSide side) =>
        table.Add([side.Name, .. Parts(side.Full.Cpu), .. Parts(side.Delta.Cpu)]);

    private static string[] Parts(CpuSample cpu) =>
    [
        Format(cpu.Process.TotalSeconds, "F1"),
        Format(cpu.Of("mariadbd").TotalSeconds, "F1"),
        Format(cpu.Of("redis-server").TotalSeconds, "F1"),
    ];

    private static double Overhead(CrmCycle scheduler, CrmCycle pure) => scheduler.Elapsed / pure.Elapsed - 1;

    private static string Percent(double share) => Format(share * 100, "0.#") + "%";

    private static string Verdict(bool met) => met ? "met" : "missed";

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
