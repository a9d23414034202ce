using System.CommandLine;
using System.CommandLine.Parsing;

namespace Scheduler.Client.Commands;

/// <summary>The ways a verb takes many ids: arguments, or <c>--file PATH</c> with <c>-</c> for stdin.</summary>
internal sealed class IdInputOptions
{
    public const int DefaultChunkSize = 5_000;

    public IdInputOptions(string verb)
    {
        Ids = new Argument<string[]>("ids")
        {
            Description = $"Record ids to {verb}; '-' alone reads them from stdin.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Ids.Validators.Add(RejectOptionLookalikes);
        ChunkSize.Validators.Add(result => GlobalOptions.AtLeastOne(result, "--chunk-size"));
    }

    public Argument<string[]> Ids { get; }

    public Option<string?> File { get; } = new("--file", "-f")
    {
        Description = "Read ids from this file, one per line (empty lines are skipped); '-' is stdin.",
    };

    public Option<int> ChunkSize { get; } = new("--chunk-size")
    {
        Description = "Ids per call to the cluster; every id of a chunk is checked before it is sent.",
        DefaultValueFactory = _ => DefaultChunkSize,
    };

    /// <summary>
    /// An unknown option would otherwise be taken for an id and enrolled; ids that start with '-' can still come
    /// from a file or stdin.
    /// </summary>
    public static void RejectOptionLookalikes(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length > 1 && token.Value[0] == '-')
            {
                result.AddError($"Unrecognized option '{token.Value}' (ids that start with '-' go in --file).");
                return;
            }
        }
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Ids);
        command.Options.Add(File);
        command.Options.Add(ChunkSize);
    }
}
