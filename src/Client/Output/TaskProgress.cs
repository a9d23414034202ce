using Spectre.Console;

namespace Scheduler.Client.Output;

/// <summary>Moves a Spectre progress task as a verb reports its progress.</summary>
internal sealed class TaskProgress(ProgressTask task) : IProgress<ProgressUpdate>
{
    public void Report(ProgressUpdate value)
    {
        task.IsIndeterminate = value.Total is null or <= 0;
        if (value.Total is > 0 and var total)
        {
            task.MaxValue = total;
        }

        task.Value = Math.Min(value.Value, task.MaxValue);
        task.Description = Markup.Escape(value.Description);
    }
}
