using System.Data;
using System.Data.Common;
using System.Globalization;
using MySqlConnector;

namespace Scheduler.Crm;

/// <summary>The product path: MySQL or MariaDB for both the legacy and the target database.</summary>
internal sealed class MySqlCrmDialect : CrmDialect
{
    private const string StageTable = "crm_sync_stage_transactions";

    private const string CreateStage = "CREATE TEMPORARY TABLE " + StageTable + " LIKE transactions";

    private const string MergeStage =
        "INSERT INTO transactions (id, user_id, amount, currency, status, created_at, updated_at) "
        + "SELECT id, user_id, amount, currency, status, created_at, updated_at FROM " + StageTable
        + TransactionsUpsertClause;

    private const string DropStage = "DROP TEMPORARY TABLE IF EXISTS " + StageTable;

    private const string TransactionsUpsertClause = " ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), "
        + "amount = VALUES(amount), currency = VALUES(currency), status = VALUES(status), "
        + "created_at = VALUES(created_at), updated_at = VALUES(updated_at)";

    private readonly string _legacyConnectionString;
    private readonly string _targetConnectionString;
    private readonly int _bulkWriteMinRows;

    /// <summary>Builds both connection strings with the timeouts of <paramref name="options"/>.</summary>
    public MySqlCrmDialect(CrmSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var timeout = (uint)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        _bulkWriteMinRows = options.BulkWriteMinRows;

        // Zero dates are turned into DateTime.MinValue rather than failing the batch: old databases hold them.
        _legacyConnectionString = new MySqlConnectionStringBuilder(options.LegacyConnectionString)
        {
            ConnectionTimeout = timeout,
            DefaultCommandTimeout = timeout,
            ConvertZeroDateTime = true,
        }.ConnectionString;
        _targetConnectionString = new MySqlConnectionStringBuilder(options.TargetConnectionString)
        {
            ConnectionTimeout = timeout,
            DefaultCommandTimeout = timeout,
            AllowLoadLocalInfile = options.BulkWriteMinRows > 0,
        }.ConnectionString;
    }

    /// <inheritdoc />
    public override string TargetDdl => CrmSchema.TargetDdl;

    /// <inheritdoc />
    public override string CountColumnQuery => "SELECT COUNT(*) FROM information_schema.COLUMNS "
        + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'sync_state' AND COLUMN_NAME = 'transaction_count'";

    /// <inheritdoc />
    /// <remarks>
    /// In the connection's session time zone, as <c>NOW()</c> and <c>CURRENT_TIMESTAMP</c> in legacy writers' SQL
    /// are; to the microsecond, the finest <c>DATETIME(6)</c> holds.
    /// </remarks>
    public override string ClockQuery => "SELECT NOW(6)";

    /// <inheritdoc />
    public override string UsersUpdate => " ON DUPLICATE KEY UPDATE email = VALUES(email), name = VALUES(name), "
        + "updated_at = VALUES(updated_at)";

    /// <inheritdoc />
    public override string TransactionsUpdate => TransactionsUpsertClause;

    /// <inheritdoc />
    public override string WatermarksUpdate => " ON DUPLICATE KEY UPDATE "
        + "watermark = GREATEST(COALESCE(watermark, VALUES(watermark)), COALESCE(VALUES(watermark), watermark)), "
        + "synced_at = VALUES(synced_at), transaction_count = VALUES(transaction_count)";

    /// <inheritdoc />
    public override DbConnection CreateLegacyConnection() => new MySqlConnection(_legacyConnectionString);

    /// <inheritdoc />
    public override DbConnection CreateTargetConnection() => new MySqlConnection(_targetConnectionString);

    /// <inheritdoc />
    public override async ValueTask<DbTransaction> BeginSnapshotAsync(
        DbConnection connection,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // A read-only snapshot: a write could not slip through by mistake.
        return await ((MySqlConnection)connection)
            .BeginTransactionAsync(IsolationLevel.RepeatableRead, isReadOnly: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void AddParameter(DbCommand command, string name, CrmDbType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);

        var mySqlType = type switch
        {
            CrmDbType.Int64 => MySqlDbType.Int64,
            CrmDbType.Text => MySqlDbType.VarChar,
            CrmDbType.DateTime => MySqlDbType.DateTime,
            CrmDbType.Decimal => MySqlDbType.NewDecimal,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

        command.Parameters.Add(new MySqlParameter(name, mySqlType) { Value = value ?? DBNull.Value });
    }

    /// <inheritdoc />
    public override bool UsesBulkWrite(int rows) => _bulkWriteMinRows > 0 && rows >= _bulkWriteMinRows;

    /// <summary>
    /// Writes many transactions through a temporary table loaded with <see cref="MySqlBulkCopy"/>: binding
    /// thousands of statement parameters costs the client more CPU than the server spends on the upsert.
    /// </summary>
    public override async Task BulkUpsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<LegacyTransaction> rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rows);

        var mySqlConnection = (MySqlConnection)connection;
        var mySqlTransaction = (MySqlTransaction)transaction;

        await ExecuteAsync(mySqlConnection, mySqlTransaction, DropStage, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(mySqlConnection, mySqlTransaction, CreateStage, cancellationToken).ConfigureAwait(false);

        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("user_id", typeof(long));
        table.Columns.Add("amount", typeof(decimal));
        table.Columns.Add("currency", typeof(string));
        table.Columns.Add("status", typeof(string));
        table.Columns.Add("created_at", typeof(DateTime));
        table.Columns.Add("updated_at", typeof(DateTime));

        foreach (var row in rows)
        {
            table.Rows.Add(row.Id, row.UserId, (object?)row.Amount ?? DBNull.Value,
                (object?)row.Currency ?? DBNull.Value, (object?)row.Status ?? DBNull.Value,
                (object?)row.CreatedAt ?? DBNull.Value, (object?)row.UpdatedAt ?? DBNull.Value);
        }

        var bulkCopy = new MySqlBulkCopy(mySqlConnection, mySqlTransaction) { DestinationTableName = StageTable };
        var result = await bulkCopy.WriteToServerAsync(table, cancellationToken).ConfigureAwait(false);

        if (result.RowsInserted != rows.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Staging {rows.Count} transactions loaded {result.RowsInserted} rows; the batch is retried."));
        }

        await ExecuteAsync(mySqlConnection, mySqlTransaction, MergeStage, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(mySqlConnection, mySqlTransaction, DropStage, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string? Describe(Exception exception) => exception switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired } =>
            "A query took longer than CrmSync:CommandTimeout.",
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } =>
            "A database server could not be reached.",
        MySqlException mysql => $"The database reported error {mysql.Number}: {mysql.Message}",
        _ => null,
    };

    private static async Task ExecuteAsync(
        MySqlConnection connection,
        MySqlTransaction transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        var command = new MySqlCommand(sql, connection, transaction);

        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
