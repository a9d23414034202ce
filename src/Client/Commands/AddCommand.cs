using System.CommandLine;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Input;
using Scheduler.Client.Output;

namespace Scheduler.Client.Commands;

/// <summary><c>add</c>: enrols ids, streamed in chunks with a progress bar.</summary>
internal static class AddCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var input = new IdInputOptions("enrol");
        var json = new Option<bool>("--json") { Description = "Print the counts as JSON: added, alreadyEnrolled." };
        var command = new Command("add", "Enrol record ids; those already enrolled are left as they are.");
        input.AddTo(command);
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            using var reader = IdReader.Open(scope.Parse.GetValue(input.Ids) ?? [], scope.Parse.GetValue(input.File),
                scope.Stdin);
            var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
            var records = grains.GetGrain<IRecordsGrain>(scope.Schedule);

            var outcomes = await ProgressDisplay.RunAsync(scope.Err, "enrolling", progress =>
                ChunkedSender.SendAsync(reader, scope.Parse.GetValue(input.ChunkSize), records.EnrolAsync,
                    sent => progress.Report(new ProgressUpdate(reader.Position, reader.Total,
                        string.Create(CultureInfo.InvariantCulture, $"enrolling: {sent:N0} sent"))),
                    cancellationToken)).ConfigureAwait(false);

            var added = outcomes.Sum(o => (long)o.Added);
            var already = outcomes.Sum(o => (long)o.AlreadyEnrolled);
            if (scope.Parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(scope.Stdout, new { added, alreadyEnrolled = already })
                    .ConfigureAwait(false);
            }
            else
            {
                await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Added {added:N0} ids to {scope.Schedule}; {already:N0} were already enrolled."))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });

        return command;
    }
}
