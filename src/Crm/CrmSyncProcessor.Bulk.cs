using System.Data;
using System.Globalization;
using MySqlConnector;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    private const string StageTable = "crm_sync_stage_transactions";

    private const string CreateStage = "CREATE TEMPORARY TABLE " + StageTable + " LIKE transactions";

    private const string MergeStage =
        "INSERT INTO transactions (id, user_id, amount, currency, status, created_at, updated_at) "
        + "SELECT id, user_id, amount, currency, status, created_at, updated_at FROM " + StageTable
        + TransactionsUpdate;

    private const string DropStage = "DROP TEMPORARY TABLE IF EXISTS " + StageTable;

    /// <summary>
    /// Writes many transactions through a temporary table loaded with <see cref="MySqlBulkCopy"/>: binding
    /// thousands of statement parameters costs the client more CPU than the server spends on the upsert.
    /// </summary>
    private static async Task BulkUpsertTransactionsAsync(
        MySqlConnection connection,
        MySqlTransaction transaction,
        List<LegacyTransaction> rows,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, DropStage, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, CreateStage, cancellationToken).ConfigureAwait(false);

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

        var bulkCopy = new MySqlBulkCopy(connection, transaction) { DestinationTableName = StageTable };
        var result = await bulkCopy.WriteToServerAsync(table, cancellationToken).ConfigureAwait(false);

        if (result.RowsInserted != rows.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Staging {rows.Count} transactions loaded {result.RowsInserted} rows; the batch is retried."));
        }

        await ExecuteAsync(connection, transaction, MergeStage, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, DropStage, cancellationToken).ConfigureAwait(false);
    }

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
