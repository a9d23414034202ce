using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Scheduler.Client.Legacy;
using Scheduler.Client.Output;
using Scheduler.Crm;

namespace Scheduler.Client.Commands;

/// <summary>
/// <c>seed</c>: creates the legacy CRM schema and fills it with demo users and transactions, with a progress bar.
/// It talks to the legacy database only, never to the cluster.
/// </summary>
internal static class SeedCommand
{
    /// <summary>
    /// A bound that keeps user × transaction ids inside the legacy tables' BIGINT and a typo from filling a disk
    /// for days.
    /// </summary>
    private const long MaxUsers = 1_000_000_000;

    private const int MaxTransactionsPerUser = 1_000_000;

    public static Command Create(ClientContext context, GlobalOptions options)
    {
        var users = new Option<long>("--users")
        {
            Description = "How many legacy users to write (ids 1 to N).",
            Required = true,
        };
        var transactions = new Option<int>("--transactions-per-user")
        {
            Description = "How many transactions each user gets.",
            Required = true,
        };
        var legacy = LegacyDatabase.CreateOption();
        users.Validators.Add(result => InRange(result, "--users", 1, MaxUsers));
        transactions.Validators.Add(result => InRange(result, "--transactions-per-user", 0, MaxTransactionsPerUser));

        var command = new Command("seed",
            "Create the legacy CRM tables if missing and fill them with demo users and transactions; "
            + "seeding again rewrites the rows of the same ids.");
        command.Options.Add(users);
        command.Options.Add(transactions);
        command.Options.Add(legacy);

        Verb.SetBody(command, context, options, async (scope, cancellationToken) =>
        {
            var database = LegacyDatabase.Resolve(context.Configuration, scope.Parse.GetValue(legacy));
            var userCount = scope.Parse.GetValue(users);
            var perUser = scope.Parse.GetValue(transactions);
            var started = Stopwatch.GetTimestamp();

            await database.RunAsync(connection => ProgressDisplay.RunAsync(scope.Err, "seeding", async progress =>
            {
                var written = new CountProgress(done => progress.Report(new ProgressUpdate(done, userCount,
                    string.Create(CultureInfo.InvariantCulture, $"seeding: {done:N0} users written"))));
                await LegacySeeder.SeedAsync(connection, userCount, perUser, written, cancellationToken)
                    .ConfigureAwait(false);
                return true;
            })).ConfigureAwait(false);

            var elapsed = Stopwatch.GetElapsedTime(started);
            await scope.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Seeded {userCount:N0} users and {userCount * perUser:N0} transactions into {database.Where} "
                + $"in {elapsed.TotalSeconds:N1} s.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });

        return command;
    }

    private static void InRange(OptionResult result, string name, long min, long max)
    {
        long value;
        try
        {
            value = Convert.ToInt64(result.GetValueOrDefault<object>(), CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            // A value that does not convert is already a parse error of its own; one message is enough.
            return;
        }

        if (value < min || value > max)
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            result.AddError(string.Create(CultureInfo.InvariantCulture,
                $"{name} must be between {min:N0} and {max:N0} (was {token})."));
        }
    }
}
