using Microsoft.Extensions.Configuration;
using Scheduler.Client.Connection;
using Spectre.Console;

namespace Scheduler.Client.Commands;

/// <summary>What every verb of one run shares: the streams, the settings and the way to reach the cluster.</summary>
internal sealed class ClientContext
{
    public ClientContext(
        TextWriter stdout,
        TextWriter stderr,
        TextReader stdin,
        IConfiguration configuration,
        Func<ConnectionSettings, TimeSpan, CancellationToken, Task<ClusterSession>> connect)
    {
        Stdout = stdout;
        Stderr = stderr;
        Stdin = stdin;
        Configuration = configuration;
        Connect = connect;
        Out = CreateConsole(stdout);
        Err = CreateConsole(stderr);
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    public TextReader Stdin { get; }

    public IConfiguration Configuration { get; }

    public Func<ConnectionSettings, TimeSpan, CancellationToken, Task<ClusterSession>> Connect { get; }

    /// <summary>Tables and views for people, on stdout.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress bars, on stderr.</summary>
    public IAnsiConsole Err { get; }

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = output.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = output.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        if (!output.IsTerminal)
        {
            // Redirected output has no width of its own; wide enough that tables do not wrap their figures.
            console.Profile.Width = 120;
        }

        return console;
    }
}
