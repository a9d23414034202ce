using System.CommandLine;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Input;

namespace Scheduler.Client.Commands;

/// <summary><c>refresh</c>: refreshes ids now, through the priority lane.</summary>
internal static class RefreshCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var ids = new Argument<string[]>("ids")
        {
            Description = "Record ids to refresh now.",
            Arity = ArgumentArity.OneOrMore,
        };
        ids.Validators.Add(IdInputOptions.RejectOptionLookalikes);
        var command = new Command("refresh", "Refresh ids now, ahead of the ring, through the priority lane.");
        command.Arguments.Add(ids);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            using var reader = IdReader.Open(scope.Parse.GetValue(ids) ?? [], null, scope.Stdin);
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var records = grains.GetGrain<IRecordsGrain>(scope.Schedule);

            var queued = await ChunkedSender.SendAsync(reader, IdInputOptions.DefaultChunkSize,
                records.RefreshNowAsync, null, cancellationToken).ConfigureAwait(false);

            await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Queued {queued.Sum():N0} ids of {scope.Schedule} for refresh now.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        return command;
    }
}
