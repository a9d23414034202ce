using System.CommandLine;
using Scheduler.Abstractions;

namespace Scheduler.Client.Commands;

/// <summary><c>pause</c> and <c>resume</c>: stop and restart the claims of a schedule.</summary>
internal static class PauseCommands
{
    public static Command CreatePause(ClientContext context, GlobalOptions options)
    {
        var command = new Command("pause", "Stop claims of the schedule; leases already handed out run to the end.");
        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            await grains.GetGrain<ICoordinatorGrain>(scope.Schedule).PauseAsync().ConfigureAwait(false);
            await scope.Stdout.WriteLineAsync($"Paused {scope.Schedule}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        return command;
    }

    public static Command CreateResume(ClientContext context, GlobalOptions options)
    {
        var command = new Command("resume", "Restart claims of a paused schedule.");
        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            await grains.GetGrain<ICoordinatorGrain>(scope.Schedule).ResumeAsync().ConfigureAwait(false);
            await scope.Stdout.WriteLineAsync($"Resumed {scope.Schedule}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        return command;
    }
}
