using System.Data.Common;

namespace Scheduler.Crm;

/// <summary>
/// What differs between the databases the <c>crm-sync</c> processor runs against: connections, the snapshot
/// transaction, parameter types, the upsert clauses, how the legacy clock is read, the target DDL and the bulk
/// write. Everything else (the queries' shape, the watermark rule, what counts as changed) is the processor's own.
/// </summary>
internal abstract class CrmDialect
{
    /// <summary>
    /// The target DDL: <c>users</c>, <c>transactions</c> and <c>sync_state</c>, created when missing.
    /// </summary>
    public abstract string TargetDdl { get; }

    /// <summary>A query returning 1 when <c>sync_state</c> has its <c>transaction_count</c> column, else 0.</summary>
    public abstract string CountColumnQuery { get; }

    /// <summary>
    /// A query returning the legacy server's current time as one <c>DATETIME</c> value, on the clock legacy writers
    /// stamp <c>updated_at</c> with.
    /// </summary>
    public abstract string ClockQuery { get; }

    /// <summary>What follows <c>INSERT INTO users … VALUES …</c> to make it an upsert.</summary>
    public abstract string UsersUpdate { get; }

    /// <summary>What follows <c>INSERT INTO transactions … VALUES …</c> to make it an upsert.</summary>
    public abstract string TransactionsUpdate { get; }

    /// <summary>
    /// What follows <c>INSERT INTO sync_state … VALUES …</c>: an upsert under which the watermark never moves back.
    /// </summary>
    public abstract string WatermarksUpdate { get; }

    /// <summary>Creates the dialect that <see cref="CrmSyncOptions.Provider"/> names.</summary>
    public static CrmDialect Create(CrmSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return CrmSyncOptions.IsSqlite(options.Provider)
            ? new SqliteCrmDialect(options)
            : new MySqlCrmDialect(options);
    }

    /// <summary>A new, closed connection to the legacy database, with the timeouts of the settings.</summary>
    public abstract DbConnection CreateLegacyConnection();

    /// <summary>A new, closed connection to the target database, with the timeouts of the settings.</summary>
    public abstract DbConnection CreateTargetConnection();

    /// <summary>
    /// Begins the read-only transaction the legacy reads share, so that the users and the transactions queries see
    /// the same moment.
    /// </summary>
    public abstract ValueTask<DbTransaction> BeginSnapshotAsync(
        DbConnection connection,
        CancellationToken cancellationToken);

    /// <summary>Adds a parameter of an explicit type, which spares the driver from inferring it.</summary>
    public abstract void AddParameter(DbCommand command, string name, CrmDbType type, object? value);

    /// <summary>
    /// Whether <paramref name="rows"/> changed transactions are written by <see cref="BulkUpsertAsync"/>.
    /// </summary>
    public virtual bool UsesBulkWrite(int rows) => false;

    /// <summary>
    /// Upserts many transactions faster than multi-row statements can, where the database allows it.
    /// </summary>
    public virtual Task BulkUpsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<LegacyTransaction> rows,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("This database has no bulk write path.");

    /// <summary>A description of a driver error for the failure text, or null when the driver adds nothing.</summary>
    public abstract string? Describe(Exception exception);
}
