namespace Scheduler.Crm;

/// <summary>
/// The embedded demo of <c>crm-sync</c>: SQLite files in <see cref="DataDirectory"/>, a seeded population, the
/// schedule that syncs it and the made-up legacy activity that gives it something to do.
/// </summary>
public sealed class CrmSyncDemoOptions
{
    /// <summary>Where <see cref="DemoCrm.LegacyFileName"/> and <see cref="DemoCrm.TargetFileName"/> live.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The schedule the demo adds, runs with <c>crm-sync</c> and enrols every legacy user in.</summary>
    public string Schedule { get; set; } = "crm-demo";

    /// <summary>How often each user is synced. Default 1 minute, so that changes show up while one watches.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many users the first start seeds. Default 1,000.</summary>
    public int Users { get; set; } = 1_000;

    /// <summary>How many transactions each seeded user gets. Default 5.</summary>
    public int TransactionsPerUser { get; set; } = 5;

    /// <summary>How often the legacy activity runs; zero turns it off. Default 5 seconds.</summary>
    public TimeSpan ActivityInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many transactions each round of legacy activity changes (and half as many it adds).</summary>
    public int ChangesPerActivity { get; set; } = 6;

    /// <summary>The legacy SQLite file.</summary>
    public string LegacyPath => Path.Combine(DataDirectory, DemoCrm.LegacyFileName);

    /// <summary>The target SQLite file.</summary>
    public string TargetPath => Path.Combine(DataDirectory, DemoCrm.TargetFileName);
}
