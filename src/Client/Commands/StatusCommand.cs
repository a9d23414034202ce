using System.CommandLine;
using Scheduler.Abstractions;
using Scheduler.Client.Output;
using Scheduler.Client.Rendering;

namespace Scheduler.Client.Commands;

/// <summary><c>status</c>: the schedule's counts, cycle progress against pacing, and the silos.</summary>
internal static class StatusCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON on stdout." };
        var command = new Command("status", "Show the schedule's progress, pacing and the silos of the cluster.");
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var status = await grains.GetGrain<ICoordinatorGrain>(scope.Schedule).GetStatusAsync()
                .ConfigureAwait(false);

            if (scope.Parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(scope.Stdout, StatusReport.From(status)).ConfigureAwait(false);
            }
            else
            {
                scope.Out.Write(StatusView.Render(status));
            }

            return ExitCodes.Ok;
        });

        return command;
    }
}
