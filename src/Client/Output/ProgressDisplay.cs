using Spectre.Console;

namespace Scheduler.Client.Output;

/// <summary>
/// A progress bar on stderr while a verb runs. Only drawn when stderr is an interactive terminal, so redirected
/// output and tests see nothing but the verb's own lines.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(
        IAnsiConsole stderr,
        string description,
        Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        if (!stderr.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<ProgressUpdate>()).ConfigureAwait(false);
        }

        return await stderr.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description));
                return await work(new TaskProgress(task)).ConfigureAwait(false);
            })
            .ConfigureAwait(false);
    }
}
