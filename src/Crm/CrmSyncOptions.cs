namespace Scheduler.Crm;

/// <summary>
/// Settings of the <c>crm-sync</c> processor: the two connection strings come from <c>ConnectionStrings:Legacy</c>
/// and <c>ConnectionStrings:Target</c>, the rest from the <c>CrmSync</c> configuration section.
/// </summary>
public sealed class CrmSyncOptions
{
    /// <summary>The configuration section the tuning settings are bound from.</summary>
    public const string SectionName = "CrmSync";

    /// <summary>The configuration key of the legacy connection string.</summary>
    public const string LegacyKey = "ConnectionStrings:Legacy";

    /// <summary>The configuration key of the target connection string.</summary>
    public const string TargetKey = "ConnectionStrings:Target";

    /// <summary>The <see cref="Provider"/> of the product path: MySQL or MariaDB.</summary>
    public const string MySqlProvider = "mysql";

    /// <summary>The <see cref="Provider"/> of the embedded demo: SQLite files.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>
    /// Which database both connection strings name: <c>mysql</c> (MySQL or MariaDB, the default and the product
    /// path) or <c>sqlite</c> (<c>Data Source=/path/file.db</c>, for the embedded demo only). Case is ignored.
    /// </summary>
    public string Provider { get; set; } = MySqlProvider;

    /// <summary>
    /// The legacy MySQL or MariaDB database, read only: an account with nothing but SELECT on its <c>users</c> and
    /// <c>transactions</c> tables is enough.
    /// </summary>
    public string LegacyConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The target MySQL or MariaDB database; its account needs CREATE (once), SELECT, INSERT and UPDATE.
    /// </summary>
    public string TargetConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// How long one query or connection attempt may take before the batch fails and is retried. Default 30 s.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far before a user's watermark (the legacy server's clock at its last sync) the next sync starts reading
    /// again, to catch rows that committed late with an older <c>updated_at</c>. It must exceed the longest legacy
    /// write transaction plus how far any legacy writer's clock lags the legacy server's. Default 5 minutes.
    /// </summary>
    public TimeSpan WatermarkSafetyMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most rows one upsert statement into the target carries; larger batches are split into several statements
    /// of the same transaction. Default 500.
    /// </summary>
    public int UpsertRowsPerStatement { get; set; } = 500;

    /// <summary>
    /// From how many changed transactions a batch writes them through a temporary table loaded with
    /// <c>LOAD DATA LOCAL INFILE</c> rather than multi-row upserts; it needs <c>local_infile</c> enabled on the
    /// target server. Default 500; 0 always uses multi-row upserts.
    /// </summary>
    public int BulkWriteMinRows { get; set; } = 500;

    /// <summary>Whether <paramref name="provider"/> names <see cref="SqliteProvider"/>.</summary>
    internal static bool IsSqlite(string? provider) =>
        string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="provider"/> names <see cref="MySqlProvider"/>.</summary>
    internal static bool IsMySql(string? provider) =>
        string.Equals(provider, MySqlProvider, StringComparison.OrdinalIgnoreCase);
}
