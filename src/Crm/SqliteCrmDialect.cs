using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Scheduler.Crm;

/// <summary>
/// The embedded demo path: SQLite files for the legacy and the target database. Timestamps are stored as text in
/// the driver's <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> form, which sorts as the instants do, so the watermark
/// comparisons and <c>MAX</c> work on them unchanged; amounts keep their cents through the
/// <c>DECIMAL(12,2)</c> column's numeric affinity, exact for the 12 digits the legacy schema allows.
/// </summary>
internal sealed class SqliteCrmDialect : CrmDialect
{
    private readonly string _legacyConnectionString;
    private readonly string _targetConnectionString;

    /// <summary>Builds both connection strings with the timeout of <paramref name="options"/>.</summary>
    public SqliteCrmDialect(CrmSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var timeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);

        // Read-only at the driver, so that the legacy file cannot be written whatever the processor runs.
        _legacyConnectionString = new SqliteConnectionStringBuilder(options.LegacyConnectionString)
        {
            Mode = SqliteOpenMode.ReadOnly,
            DefaultTimeout = timeout,
        }.ConnectionString;
        _targetConnectionString = new SqliteConnectionStringBuilder(options.TargetConnectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = timeout,
        }.ConnectionString;
    }

    /// <inheritdoc />
    public override string TargetDdl => CrmSchema.SqliteTargetDdl;

    /// <inheritdoc />
    public override string CountColumnQuery =>
        "SELECT COUNT(*) FROM pragma_table_info('sync_state') WHERE name = 'transaction_count'";

    /// <inheritdoc />
    /// <remarks>UTC to the millisecond, the clock the demo's legacy writer stamps rows with.</remarks>
    public override string ClockQuery => "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')";

    /// <inheritdoc />
    public override string UsersUpdate => " ON CONFLICT (id) DO UPDATE SET email = excluded.email, "
        + "name = excluded.name, updated_at = excluded.updated_at";

    /// <inheritdoc />
    public override string TransactionsUpdate => " ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, "
        + "amount = excluded.amount, currency = excluded.currency, status = excluded.status, "
        + "created_at = excluded.created_at, updated_at = excluded.updated_at";

    /// <inheritdoc />
    public override string WatermarksUpdate => " ON CONFLICT (user_id) DO UPDATE SET "
        + "watermark = MAX(COALESCE(watermark, excluded.watermark), COALESCE(excluded.watermark, watermark)), "
        + "synced_at = excluded.synced_at, transaction_count = excluded.transaction_count";

    /// <inheritdoc />
    public override DbConnection CreateLegacyConnection() => new SqliteConnection(_legacyConnectionString);

    /// <inheritdoc />
    public override DbConnection CreateTargetConnection() => new SqliteConnection(_targetConnectionString);

    /// <inheritdoc />
    public override ValueTask<DbTransaction> BeginSnapshotAsync(
        DbConnection connection,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // Deferred, so that it takes no write lock: its first read fixes the snapshot both queries see.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: true);
        return ValueTask.FromResult(transaction);
    }

    /// <inheritdoc />
    public override void AddParameter(DbCommand command, string name, CrmDbType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);

        var sqliteType = type switch
        {
            CrmDbType.Int64 => SqliteType.Integer,
            CrmDbType.Text or CrmDbType.DateTime or CrmDbType.Decimal => SqliteType.Text,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

        command.Parameters.Add(new SqliteParameter(name, sqliteType) { Value = value ?? DBNull.Value });
    }

    /// <inheritdoc />
    public override string? Describe(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } =>
            "The SQLite file stayed locked for longer than CrmSync:CommandTimeout.",
        SqliteException sqlite => $"SQLite reported error {sqlite.SqliteErrorCode}: {sqlite.Message}",
        _ => null,
    };
}
