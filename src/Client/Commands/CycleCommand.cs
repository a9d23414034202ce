using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Output;
using Spectre.Console;

namespace Scheduler.Client.Commands;

/// <summary><c>cycle</c>: forces a cycle and, with <c>--wait</c>, follows it to its end.</summary>
internal static class CycleCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait for the cycle to end, then summarise it." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "With --wait, give up (exit 1) after this many seconds; by default wait until it ends.",
        };
        timeout.Validators.Add(result => GlobalOptions.Positive(result, "--timeout"));
        var command = new Command("cycle", "Run the current cycle (or start one now) as fast as the limits allow.");
        command.Options.Add(wait);
        command.Options.Add(json);
        command.Options.Add(timeout);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var coordinator = grains.GetGrain<ICoordinatorGrain>(scope.Schedule);
            var before = await coordinator.GetStatusAsync().ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var cycle = await coordinator.ForceCycleAsync().ConfigureAwait(false);

            if (!scope.Parse.GetValue(wait))
            {
                await WriteForcedAsync(scope, cycle, scope.Parse.GetValue(json)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var limit = scope.Parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var after = await ProgressDisplay.RunAsync(scope.Err, $"cycle {cycle}", progress =>
                CycleWaiter.WaitAsync(coordinator, cycle, limit, progress, cancellationToken)).ConfigureAwait(false);
            var summary = CycleSummary.From(cycle, before, after, Stopwatch.GetElapsedTime(started));

            if (scope.Parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(scope.Stdout, summary).ConfigureAwait(false);
            }
            else
            {
                WriteSummary(scope.Out, summary);
            }

            return ExitCodes.Ok;
        });

        return command;
    }

    private static async Task WriteForcedAsync(VerbScope scope, long cycle, bool json)
    {
        if (json)
        {
            await JsonOutput.WriteAsync(scope.Stdout, new { cycle, schedule = scope.Schedule }).ConfigureAwait(false);
            return;
        }

        await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Forced cycle {cycle} of {scope.Schedule}; 'scheduler cycle --wait' follows it to its end."))
            .ConfigureAwait(false);
    }

    private static void WriteSummary(IAnsiConsole console, CycleSummary summary)
    {
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cycle {summary.Cycle} ended after {summary.DurationSeconds:N1} s: {summary.Processed:N0} processed, "
            + $"{summary.Failed:N0} failed, {summary.Parked:N0} parked."));

        var table = new Table().Border(TableBorder.Rounded).AddColumn("silo")
            .AddColumn(new TableColumn("processed").RightAligned());
        foreach (var silo in summary.PerSilo)
        {
            table.AddRow(Markup.Escape(silo.Address), silo.Processed.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }
}
