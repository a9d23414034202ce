using System.Globalization;

namespace Scheduler.Crm.Bench;

/// <summary>The command-line settings of the benchmark.</summary>
internal sealed record BenchSettings(int Users, int TransactionsPerUser, int BatchSize, int Concurrency, bool SeedOnly)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(100_000, 5, 1000, 2, SeedOnly: false);

        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--users" => settings with { Users = Number(args, ++i) },
                "--transactions-per-user" => settings with { TransactionsPerUser = Number(args, ++i) },
                "--batch" => settings with { BatchSize = Number(args, ++i) },
                "--concurrency" => settings with { Concurrency = Number(args, ++i) },
                "--seed-only" => settings with { SeedOnly = true },
                _ => throw new ArgumentException(
                    $"Unknown argument '{args[i]}'. Use --users N --transactions-per-user M --batch B "
                    + "--concurrency C [--seed-only]."),
            };
        }

        return settings;
    }

    private static int Number(string[] args, int index) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n > 0
            ? n
            : throw new ArgumentException($"{args[index - 1]} needs a positive whole number after it.");
}
