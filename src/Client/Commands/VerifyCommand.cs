using System.CommandLine;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Output;

namespace Scheduler.Client.Commands;

/// <summary><c>verify</c>: checks the ring against the membership set; exit code 1 when it finds a problem.</summary>
internal static class VerifyCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var command = new Command("verify", "Check that every enrolled id is in the ring exactly once.");
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var check = await grains.GetGrain<IRecordsGrain>(scope.Schedule).VerifyAsync().ConfigureAwait(false);
            var report = VerifyReport.From(scope.Schedule, check);

            if (scope.Parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(scope.Stdout, report).ConfigureAwait(false);
            }
            else
            {
                await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{(report.Ok ? "OK" : "PROBLEM")}: {report.Enrolled:N0} enrolled, {report.RingEntries:N0} ring "
                    + $"entries, {report.Missing:N0} missing, {report.Duplicates:N0} duplicates, "
                    + $"{report.Foreign:N0} foreign, {report.Markers:N0} markers, {report.Stale:N0} stale."))
                    .ConfigureAwait(false);
                foreach (var example in report.Examples)
                {
                    await scope.Stdout.WriteLineAsync($"  {example}").ConfigureAwait(false);
                }
            }

            return report.Ok ? ExitCodes.Ok : ExitCodes.Failure;
        });

        return command;
    }
}
