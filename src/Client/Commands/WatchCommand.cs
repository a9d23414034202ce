using System.CommandLine;
using Orleans.Runtime;
using Scheduler.Abstractions;
using Scheduler.Client.Rendering;
using Spectre.Console;

namespace Scheduler.Client.Commands;

/// <summary><c>watch</c>: the status as a live view, redrawn in place until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between refreshes.",
            DefaultValueFactory = _ => 2,
        };
        interval.Validators.Add(result => GlobalOptions.Positive(result, "--interval"));
        var command = new Command("watch", "Show the status as a live view until Ctrl+C.");
        command.Options.Add(interval);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var coordinator = (await scope.GrainsAsync(cancellationToken).ConfigureAwait(false))
                .GetGrain<ICoordinatorGrain>(scope.Schedule);
            var status = await coordinator.GetStatusAsync().ConfigureAwait(false);
            var delay = TimeSpan.FromSeconds(scope.Parse.GetValue(interval));

            try
            {
                await scope.Out.Live(StatusView.Render(status)).StartAsync(async live =>
                {
                    while (true)
                    {
                        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                        live.UpdateTarget(await RenderAsync(coordinator, status, cancellationToken)
                            .ConfigureAwait(false));
                    }
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how a watch ends.
            }

            return ExitCodes.Ok;

            async Task<Spectre.Console.Rendering.IRenderable> RenderAsync(
                ICoordinatorGrain grain,
                ScheduleStatus last,
                CancellationToken token)
            {
                token.ThrowIfCancellationRequested();
                try
                {
                    status = await grain.GetStatusAsync().ConfigureAwait(false);
                    return StatusView.Render(status);
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    // The gateway's silo died or Redis restarts: keep the last figures and say so.
                    return StatusView.Render(last, $"Reconnecting: {Verb.FirstLine(ex.Message)}");
                }
            }
        });

        return command;
    }
}
