using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Scheduler.Abstractions;
using Scheduler.Client.Input;
using Scheduler.Client.Legacy;
using Scheduler.Client.Output;
using Scheduler.Crm;

namespace Scheduler.Client.Commands;

/// <summary>
/// <c>add</c>: enrols ids, streamed in chunks with a progress bar, from the arguments, a file or (with
/// <c>--from-legacy</c>) every user id of the legacy CRM database.
/// </summary>
internal static class AddCommand
{
    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var input = new IdInputOptions("enrol");
        var json = new Option<bool>("--json") { Description = "Print the counts as JSON: added, alreadyEnrolled." };
        var fromLegacy = new Option<bool>("--from-legacy")
        {
            Description = "Enrol every user id of the legacy database, read in chunks of --chunk-size.",
        };
        var legacy = LegacyDatabase.CreateOption();
        var command = new Command("add", "Enrol record ids; those already enrolled are left as they are.");
        input.AddTo(command);
        command.Options.Add(fromLegacy);
        command.Options.Add(legacy);
        command.Options.Add(json);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var chunkSize = scope.Parse.GetValue(input.ChunkSize);
            var outcomes = scope.Parse.GetValue(fromLegacy)
                ? await EnrolLegacyAsync(scope, context, input, scope.Parse.GetValue(legacy), chunkSize,
                    cancellationToken).ConfigureAwait(false)
                : await EnrolInputAsync(scope, input, scope.Parse.GetValue(legacy), chunkSize, cancellationToken)
                    .ConfigureAwait(false);

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

    private static async Task<IReadOnlyList<EnrolOutcome>> EnrolInputAsync(
        VerbScope scope,
        IdInputOptions input,
        string? legacy,
        int chunkSize,
        CancellationToken cancellationToken)
    {
        if (legacy is not null)
        {
            throw new UsageException("--legacy only goes with --from-legacy.");
        }

        using var reader = IdReader.Open(scope.Parse.GetValue(input.Ids) ?? [], scope.Parse.GetValue(input.File),
            scope.Stdin);
        var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
        var records = grains.GetGrain<IRecordsGrain>(scope.Schedule);

        return await ProgressDisplay.RunAsync(scope.Err, "enrolling", progress =>
            ChunkedSender.SendAsync(reader, chunkSize, records.EnrolAsync,
                sent => progress.Report(new ProgressUpdate(reader.Position, reader.Total,
                    string.Create(CultureInfo.InvariantCulture, $"enrolling: {sent:N0} sent"))),
                cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<EnrolOutcome>> EnrolLegacyAsync(
        VerbScope scope,
        ClientContext context,
        IdInputOptions input,
        string? legacy,
        int chunkSize,
        CancellationToken cancellationToken)
    {
        if (scope.Parse.GetValue(input.Ids) is { Length: > 0 } || scope.Parse.GetValue(input.File) is not null)
        {
            throw new UsageException("Give ids as arguments, --file or --from-legacy, only one of them.");
        }

        var database = LegacyDatabase.Resolve(context.Configuration, legacy);
        // Counted first, so an unreachable legacy database fails before any connection to the cluster is made.
        var total = await database.RunAsync(connection =>
            LegacyDatabase.CountUsersAsync(connection, cancellationToken)).ConfigureAwait(false);
        var grains = await scope.GrainsAsync(cancellationToken).ConfigureAwait(false);
        var records = grains.GetGrain<IRecordsGrain>(scope.Schedule);

        return await database.RunAsync(connection => ProgressDisplay.RunAsync(scope.Err, "enrolling", progress =>
            ChunkedSender.SendAsync(LegacyIdsAsync(connection, chunkSize, cancellationToken), records.EnrolAsync,
                sent => progress.Report(new ProgressUpdate(sent, total,
                    string.Create(CultureInfo.InvariantCulture, $"enrolling legacy users: {sent:N0} sent"))),
                cancellationToken))).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> LegacyIdsAsync(
        string connectionString,
        int chunkSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in LegacyUsers.StreamIdsAsync(connectionString, chunkSize, cancellationToken)
            .ConfigureAwait(false))
        {
            yield return [.. chunk.Select(id => id.ToString(CultureInfo.InvariantCulture))];
        }
    }
}
