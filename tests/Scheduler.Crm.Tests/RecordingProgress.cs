namespace Scheduler.Crm.Tests;

/// <summary>Records every report synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
internal sealed class RecordingProgress : IProgress<long>
{
    public List<long> Reports { get; } = [];

    public void Report(long value) => Reports.Add(value);
}
