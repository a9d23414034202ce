using System.CommandLine;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Output;

namespace Scheduler.Client.Commands;

/// <summary>
/// <c>repair</c>: fixes what <c>verify</c> reports (missing ids, foreign entries, duplicates, missing or extra
/// cycle markers) in one atomic step, and prints what it fixed.
/// </summary>
internal static class RepairCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var json = new Option<bool>("--json") { Description = "Print what was fixed as JSON on stdout." };
        var command = new Command("repair",
            "Fix the ring so every enrolled id is in it exactly once with one cycle marker (reads the whole ring).");
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var outcome = await grains.GetGrain<IRecordsGrain>(scope.Schedule).RepairAsync().ConfigureAwait(false);
            var report = RepairReport.From(scope.Schedule, outcome);

            if (scope.Parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(scope.Stdout, report).ConfigureAwait(false);
            }
            else
            {
                await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Repaired {report.Schedule}: {report.MissingRestored:N0} missing ids restored, "
                    + $"{report.ForeignRemoved:N0} foreign entries removed, {report.DuplicatesRemoved:N0} "
                    + $"duplicates removed, {report.MarkersAdded:N0} markers added, {report.MarkersRemoved:N0} "
                    + $"markers removed.")).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });

        return command;
    }
}
