using System.CommandLine;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Input;
using Scheduler.Client.Output;

namespace Scheduler.Client.Commands;

/// <summary><c>remove</c>: unenrols ids.</summary>
internal static class RemoveCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var input = new IdInputOptions("unenrol");
        var json = new Option<bool>("--json") { Description = "Print the counts as JSON: removed, notEnrolled." };
        var command = new Command("remove", "Unenrol record ids; ids that are not enrolled are ignored.");
        input.AddTo(command);
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            using var reader = IdReader.Open(scope.Parse.GetValue(input.Ids) ?? [], scope.Parse.GetValue(input.File),
                scope.Stdin);
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var records = grains.GetGrain<IRecordsGrain>(scope.Schedule);
            long total = 0;

            var removedPerChunk = await ProgressDisplay.RunAsync(scope.Err, "removing", progress =>
                ChunkedSender.SendAsync(reader, scope.Parse.GetValue(input.ChunkSize), records.RemoveAsync,
                    sent =>
                    {
                        total = sent;
                        progress.Report(new ProgressUpdate(reader.Position, reader.Total, "removing"));
                    },
                    cancellationToken)).ConfigureAwait(false);

            var removed = removedPerChunk.Sum(r => (long)r);
            if (scope.Parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(scope.Stdout, new { removed, notEnrolled = total - removed })
                    .ConfigureAwait(false);
            }
            else
            {
                await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Removed {removed:N0} ids from {scope.Schedule}; {total - removed:N0} were not enrolled."))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });

        return command;
    }
}
