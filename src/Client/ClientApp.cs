using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Scheduler.Client.Commands;
using Scheduler.Client.Connection;

namespace Scheduler.Client;

/// <summary>
/// The <c>scheduler</c> console as a function of its arguments and streams, so tests can run every verb in process.
/// </summary>
public static class ClientApp
{
    /// <summary>
    /// Runs the command line, connecting to the cluster the settings describe (environment variables,
    /// <c>appsettings.json</c> in the working directory, then the command-line options); returns the exit code.
    /// </summary>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        TextReader stdin,
        CancellationToken cancellationToken = default)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();

        return RunAsync(args, stdout, stderr, stdin, configuration, ClusterConnector.ConnectAsync, cancellationToken);
    }

    /// <summary>
    /// Runs the command line against a client the caller has already connected (and keeps owning); the connection
    /// options are parsed and checked but not used.
    /// </summary>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        TextReader stdin,
        IGrainFactory grains,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);

        return RunAsync(args, stdout, stderr, stdin, new ConfigurationBuilder().Build(),
            (_, _, _) => Task.FromResult(ClusterSession.Borrow(grains)), cancellationToken);
    }

    private static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        TextReader stdin,
        IConfiguration configuration,
        Func<ConnectionSettings, TimeSpan, CancellationToken, Task<ClusterSession>> connect,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);

        var context = new ClientContext(stdout, stderr, stdin, configuration, connect);
        var root = CommandTree.Build(context);
        var parse = root.Parse(args);

        if (parse.Errors.Count > 0)
        {
            // One line: the first problem and where to read about usage; the full help is one --help away.
            var verb = parse.CommandResult.Command == root ? "" : $" {parse.CommandResult.Command.Name}";
            var error = parse.Errors.FirstOrDefault(e =>
                e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            await stderr.WriteLineAsync($"{error.Message} See 'scheduler{verb} --help'.")
                .ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
