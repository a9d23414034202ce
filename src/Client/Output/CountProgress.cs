namespace Scheduler.Client.Output;

/// <summary>
/// Passes a count straight to a callback on the reporting thread, unlike <see cref="Progress{T}"/>, which posts
/// it and so may deliver counts late or out of order.
/// </summary>
internal sealed class CountProgress(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
