namespace Scheduler.Bench.Crm;

/// <summary>One way of running the sync, started once and measured over several rounds.</summary>
internal interface ICrmRunner : IAsyncDisposable
{
    /// <summary>The row's name in the table, e.g. <c>scheduler, 1 silo</c>.</summary>
    string Name { get; }

    /// <summary>Empties the target, runs a full cycle, changes 1% of the legacy data and runs a second cycle.</summary>
    Task<CrmSide> RoundAsync();
}
