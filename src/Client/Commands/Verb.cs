using System.CommandLine;
using Orleans.Runtime;
using Scheduler.Client.Connection;

namespace Scheduler.Client.Commands;

/// <summary>
/// Runs a verb's body and turns what can go wrong into one line on stderr and an exit code: bad input 2, an
/// unreachable cluster or a failed call 1. No stack trace reaches the user.
/// </summary>
internal static class Verb
{
    public static void SetBody(
        Command command,
        ClientContext context,
        GlobalOptions options,
        Func<VerbScope, CancellationToken, Task<int>> body)
    {
        command.SetAction((parse, cancellationToken) => RunAsync(context, options, parse, body, cancellationToken));
    }

    private static async Task<int> RunAsync(
        ClientContext context,
        GlobalOptions options,
        ParseResult parse,
        Func<VerbScope, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var scope = new VerbScope(context, options, parse);
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                return await body(scope, cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException ex)
            {
                return await FailAsync(context, ExitCodes.Usage, ex.Message).ConfigureAwait(false);
            }
            catch (ClusterUnreachableException ex)
            {
                return await FailAsync(context, ExitCodes.Failure, ex.Message).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                // Grains reject bad arguments (an unconfigured schedule, a bad id) with ArgumentException.
                return await FailAsync(context, ExitCodes.Usage, WithoutParameter(ex)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(context, ExitCodes.Failure, "Cancelled.").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException
                or IOException)
            {
                return await FailAsync(context, ExitCodes.Failure, $"Failed: {FirstLine(ex.Message)}")
                    .ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> FailAsync(ClientContext context, int code, string message)
    {
        await context.Stderr.WriteLineAsync(FirstLine(message)).ConfigureAwait(false);
        await context.Stderr.FlushAsync().ConfigureAwait(false);
        return code;
    }

    private static string WithoutParameter(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "",
            StringComparison.Ordinal);

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
