using System.CommandLine;
using System.Globalization;
using Scheduler.Abstractions;
using Scheduler.Client.Input;
using Scheduler.Client.Output;
using Spectre.Console;

namespace Scheduler.Client.Commands;

/// <summary><c>parked</c>: lists parked ids with their last error, or re-queues some or all of them.</summary>
internal static class ParkedCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var requeue = new Option<string[]>("--requeue")
        {
            Description = "Re-queue the given parked ids, or every parked id when none is given.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var max = new Option<int>("--max")
        {
            Description = "List at most this many parked ids.",
            DefaultValueFactory = _ => 100,
        };
        max.Validators.Add(result => GlobalOptions.AtLeastOne(result, "--max"));
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("parked", "List parked ids with their last error, or re-queue them.");
        command.Options.Add(requeue);
        command.Options.Add(max);
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var records = (await scope.GrainsAsync(cancellationToken).ConfigureAwait(false))
                .GetGrain<IRecordsGrain>(scope.Schedule);
            var asJson = scope.Parse.GetValue(json);

            if (scope.Parse.GetResult(requeue) is not null)
            {
                var ids = scope.Parse.GetValue(requeue) ?? [];
                var requeued = await RequeueAsync(records, ids, scope.Stdin, cancellationToken).ConfigureAwait(false);
                if (asJson)
                {
                    await JsonOutput.WriteAsync(scope.Stdout, new { requeued }).ConfigureAwait(false);
                }
                else
                {
                    await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Re-queued {requeued:N0} parked ids of {scope.Schedule}.")).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            var parked = await records.ListParkedAsync(scope.Parse.GetValue(max)).ConfigureAwait(false);
            if (asJson)
            {
                await JsonOutput.WriteAsync(scope.Stdout, new { parked }).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            WriteTable(scope.Out, scope.Schedule, parked);
            return ExitCodes.Ok;
        });

        return command;
    }

    private static async Task<long> RequeueAsync(
        IRecordsGrain records,
        string[] ids,
        TextReader stdin,
        CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return await records.RequeueParkedAsync([]).ConfigureAwait(false);
        }

        // Checked like any other input: re-queueing "everything" because of a bad id would be a nasty surprise.
        using var reader = IdReader.Open(ids, null, stdin);
        var counts = await ChunkedSender.SendAsync(reader, IdInputOptions.DefaultChunkSize,
            records.RequeueParkedAsync, null, cancellationToken).ConfigureAwait(false);
        return counts.Sum(c => (long)c);
    }

    private static void WriteTable(IAnsiConsole console, string schedule, IReadOnlyList<ParkedEntry> parked)
    {
        if (parked.Count == 0)
        {
            console.WriteLine($"No parked ids in {schedule}.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("id").AddColumn("last error");
        foreach (var entry in parked)
        {
            table.AddRow(Markup.Escape(entry.Id), Markup.Escape(entry.Error));
        }

        console.Write(table);
    }
}
