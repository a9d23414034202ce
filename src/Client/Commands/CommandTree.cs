using System.CommandLine;

namespace Scheduler.Client.Commands;

/// <summary>The verbs of the <c>scheduler</c> console and their global options.</summary>
internal static class CommandTree
{
    public static RootCommand Build(ClientContext context)
    {
        var options = new GlobalOptions();
        var root = new RootCommand(
            "Orleans Scheduler console: enrol ids, force and follow cycles, and inspect schedules.");
        options.AddTo(root);

        root.Subcommands.Add(AddCommand.Create(context, options));
        root.Subcommands.Add(RemoveCommand.Create(context, options));
        root.Subcommands.Add(CycleCommand.Create(context, options));
        root.Subcommands.Add(StatusCommand.Create(context, options));
        root.Subcommands.Add(WatchCommand.Create(context, options));
        root.Subcommands.Add(PauseCommands.CreatePause(context, options));
        root.Subcommands.Add(PauseCommands.CreateResume(context, options));
        root.Subcommands.Add(RefreshCommand.Create(context, options));
        root.Subcommands.Add(ParkedCommand.Create(context, options));
        root.Subcommands.Add(VerifyCommand.Create(context, options));
        root.Subcommands.Add(SeedCommand.Create(context, options));
        root.Subcommands.Add(RepairCommand.Create(context, options));
        return root;
    }
}
