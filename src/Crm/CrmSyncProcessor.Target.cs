using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    private const string WatermarksQuery = "SELECT user_id, watermark, transaction_count FROM sync_state WHERE ";

    private const string CopiedIdsQuery = "SELECT id FROM transactions WHERE ";

    private const string DeleteFromTransactions = "DELETE FROM transactions WHERE ";

    private const string DeleteFromUsers = "DELETE FROM users WHERE ";

    private const string DeleteFromSyncState = "DELETE FROM sync_state WHERE ";

    private const int DeleteIdsPerStatement = 1000;

    private const string UsersUpsert = "INSERT INTO users (id, email, name, updated_at) VALUES ";

    private const string TransactionsUpsert =
        "INSERT INTO transactions (id, user_id, amount, currency, status, created_at, updated_at) VALUES ";

    private const string SyncStateUpsert =
        "INSERT INTO sync_state (user_id, watermark, synced_at, transaction_count) VALUES ";

    private async Task EnsureTargetSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = _dialect.CreateTargetConnection();

            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, _dialect.TargetDdl, cancellationToken).ConfigureAwait(false);

                // Targets created before sync_state counted copies get the column; null counts are counted anew.
                if (Convert.ToInt64(await ScalarAsync(connection, _dialect.CountColumnQuery, cancellationToken)
                        .ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                {
                    await ExecuteAsync(connection, CrmSchema.AddCountColumn, cancellationToken).ConfigureAwait(false);
                }
            }

            _schemaReady = true;
            Log.SchemaReady(_logger);
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async Task<Dictionary<long, TargetUserState>> ReadSyncStateAsync(
        List<long> userIds,
        CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateTargetConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = connection.CreateCommand();

            await using (command.ConfigureAwait(false))
            {
                var sql = new StringBuilder(WatermarksQuery);
                SqlParameters.AppendIn(sql, command, _dialect, "user_id", "u", userIds);
                command.CommandText = sql.ToString();

                var states = new Dictionary<long, TargetUserState>(userIds.Count);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        states[reader.GetInt64(0)] = new TargetUserState(
                            reader.IsDBNull(1) ? null : reader.GetDateTime(1),
                            reader.IsDBNull(2) ? null : reader.GetInt64(2));
                    }
                }

                return states;
            }
        }
    }

    private async Task<TargetWrite> WriteTargetAsync(
        List<long> missing,
        LegacySnapshot legacy,
        Dictionary<long, TargetUserState> states,
        CancellationToken cancellationToken)
    {
        var syncedAt = _time.GetUtcNow().UtcDateTime;

        // A user row is written when it changed since the watermark; the transactions read are exactly those.
        List<LegacyUser> changedUsers =
        [
            .. legacy.Users.Values.Where(u =>
                StartOf(states, u.Id) is not { } start || u.UpdatedAt is not { } updated || updated >= start),
        ];

        // Only the copies of users that gained rows, or whose legacy count moved, can differ in number from the
        // legacy data; the others are known from sync_state without reading the target.
        HashSet<long> touched = [.. legacy.Transactions.Select(t => t.UserId)];
        List<long> recount =
        [
            .. legacy.Users.Keys.Where(id => touched.Contains(id)
                || states.GetValueOrDefault(id)?.TransactionCount is not { } stored
                || stored != legacy.Counts.GetValueOrDefault(id)),
        ];
        var connection = _dialect.CreateTargetConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            await using (transaction.ConfigureAwait(false))
            {
                await UpsertAsync(connection, transaction, UsersUpsert, _dialect.UsersUpdate, changedUsers, 4,
                    BindUser, cancellationToken).ConfigureAwait(false);
                await UpsertTransactionsAsync(connection, transaction, legacy.Transactions, cancellationToken)
                    .ConfigureAwait(false);
                await DeleteUsersAsync(connection, transaction, missing, cancellationToken).ConfigureAwait(false);

                // Deletions leave no updated_at behind, so they are found by count: a copy holding more (or fewer)
                // transactions than the legacy data is copied whole again, and what the legacy data lacks goes.
                var copies = await CountCopiesAsync(connection, transaction, recount, cancellationToken)
                    .ConfigureAwait(false);
                List<long> drifted = [.. recount.Where(id => copies[id] != legacy.Counts.GetValueOrDefault(id))];
                var repaired = await ReconcileAsync(connection, transaction, drifted, copies, cancellationToken)
                    .ConfigureAwait(false);

                // Users with nothing new keep their sync_state: rewriting it would cost a row per user per cycle.
                HashSet<long> moved = [.. changedUsers.Select(u => u.Id), .. touched, .. drifted];
                moved.UnionWith(recount.Where(id => states.GetValueOrDefault(id)?.TransactionCount != copies[id]));
                List<long> movedIds = [.. moved.Where(legacy.Users.ContainsKey)];

                // The watermark never moves back, so an older batch replayed late cannot make a later sync miss rows.
                await UpsertAsync(connection, transaction, SyncStateUpsert, _dialect.WatermarksUpdate, movedIds, 4,
                    (command, names, id) => BindSyncState(command, names, id, legacy.Clock, syncedAt,
                        copies.TryGetValue(id, out var count) ? count : legacy.Counts.GetValueOrDefault(id)),
                    cancellationToken).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new TargetWrite(changedUsers.Count, legacy.Transactions.Count + repaired.Written,
                    repaired.Deleted, drifted.Count);
            }
        }
    }

    private async Task UpsertTransactionsAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<LegacyTransaction> rows,
        CancellationToken cancellationToken)
    {
        if (_dialect.UsesBulkWrite(rows.Count))
        {
            await _dialect.BulkUpsertAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        await UpsertAsync(connection, transaction, TransactionsUpsert, _dialect.TransactionsUpdate, rows, 7,
            BindTransaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many transaction copies each user holds as this batch leaves it, zeros included.</summary>
    private async Task<Dictionary<long, long>> CountCopiesAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<long> userIds,
        CancellationToken cancellationToken)
    {
        var counted = await CountTransactionsAsync(connection, transaction, userIds, cancellationToken)
            .ConfigureAwait(false);

        return userIds.ToDictionary(id => id, counted.GetValueOrDefault);
    }

    /// <summary>
    /// Copies the drifted users whole from the legacy data as it is now, deletes their copies it no longer has, and
    /// sets their entries of <paramref name="copies"/> to what they hold afterwards.
    /// </summary>
    private async Task<(int Written, int Deleted)> ReconcileAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<long> drifted,
        Dictionary<long, long> copies,
        CancellationToken cancellationToken)
    {
        if (drifted.Count == 0)
        {
            return (0, 0);
        }

        var rows = await ReadAllTransactionsAsync(drifted, cancellationToken).ConfigureAwait(false);
        HashSet<long> kept = [.. rows.Select(r => r.Id)];
        var copied = await ReadCopiedIdsAsync(connection, transaction, drifted, cancellationToken)
            .ConfigureAwait(false);
        List<long> gone = [.. copied.Where(id => !kept.Contains(id))];

        Log.CopiesDrifted(_logger, drifted.Count, gone.Count);

        await UpsertTransactionsAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        await DeleteByIdsAsync(connection, transaction, DeleteFromTransactions, "id", gone, cancellationToken)
            .ConfigureAwait(false);

        foreach (var id in drifted)
        {
            copies[id] = 0;
        }

        foreach (var row in rows)
        {
            copies[row.UserId]++;
        }

        return (rows.Count, gone.Count);
    }

    private async Task<List<long>> ReadCopiedIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<long> userIds,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;

        await using (command.ConfigureAwait(false))
        {
            var sql = new StringBuilder(CopiedIdsQuery);
            SqlParameters.AppendIn(sql, command, _dialect, "user_id", "u", userIds);
            command.CommandText = sql.ToString();

            var ids = new List<long>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            return ids;
        }
    }

    /// <summary>Removes the copies of users the legacy data no longer has: the target mirrors deletions too.</summary>
    private async Task DeleteUsersAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<long> missing,
        CancellationToken cancellationToken)
    {
        foreach (var (delete, column) in new[]
        {
            (DeleteFromTransactions, "user_id"), (DeleteFromUsers, "id"), (DeleteFromSyncState, "user_id"),
        })
        {
            await DeleteByIdsAsync(connection, transaction, delete, column, missing, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task DeleteByIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string delete,
        string column,
        List<long> ids,
        CancellationToken cancellationToken)
    {
        for (var start = 0; start < ids.Count; start += DeleteIdsPerStatement)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;

            await using (command.ConfigureAwait(false))
            {
                var sql = new StringBuilder(delete);
                SqlParameters.AppendIn(sql, command, _dialect, column, "d",
                    ids.GetRange(start, Math.Min(DeleteIdsPerStatement, ids.Count - start)));
                command.CommandText = sql.ToString();

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task UpsertAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string insert,
        string update,
        IReadOnlyList<T> rows,
        int columns,
        Action<DbCommand, string[], T> bind,
        CancellationToken cancellationToken)
    {
        var chunk = _options.UpsertRowsPerStatement;

        for (var start = 0; start < rows.Count; start += chunk)
        {
            var count = Math.Min(chunk, rows.Count - start);
            var command = connection.CreateCommand();
            command.Transaction = transaction;

            await using (command.ConfigureAwait(false))
            {
                var sql = new StringBuilder(insert, insert.Length + update.Length + (count * columns * 8));
                var names = new string[columns];

                for (var i = 0; i < count; i++)
                {
                    sql.Append(i == 0 ? "(" : ",(");

                    for (var c = 0; c < columns; c++)
                    {
                        names[c] = string.Create(CultureInfo.InvariantCulture, $"@p{(i * columns) + c}");
                        sql.Append(c == 0 ? string.Empty : ",").Append(names[c]);
                    }

                    sql.Append(')');
                    bind(command, names, rows[start + i]);
                }

                command.CommandText = sql.Append(update).ToString();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void BindUser(DbCommand command, string[] names, LegacyUser user)
    {
        _dialect.AddParameter(command, names[0], CrmDbType.Int64, user.Id);
        _dialect.AddParameter(command, names[1], CrmDbType.Text, user.Email);
        _dialect.AddParameter(command, names[2], CrmDbType.Text, user.Name);
        _dialect.AddParameter(command, names[3], CrmDbType.DateTime, user.UpdatedAt);
    }

    private void BindTransaction(DbCommand command, string[] names, LegacyTransaction row)
    {
        _dialect.AddParameter(command, names[0], CrmDbType.Int64, row.Id);
        _dialect.AddParameter(command, names[1], CrmDbType.Int64, row.UserId);
        _dialect.AddParameter(command, names[2], CrmDbType.Decimal, row.Amount);
        _dialect.AddParameter(command, names[3], CrmDbType.Text, row.Currency);
        _dialect.AddParameter(command, names[4], CrmDbType.Text, row.Status);
        _dialect.AddParameter(command, names[5], CrmDbType.DateTime, row.CreatedAt);
        _dialect.AddParameter(command, names[6], CrmDbType.DateTime, row.UpdatedAt);
    }

    private void BindSyncState(
        DbCommand command,
        string[] names,
        long user,
        DateTime watermark,
        DateTime syncedAt,
        long transactionCount)
    {
        _dialect.AddParameter(command, names[0], CrmDbType.Int64, user);
        _dialect.AddParameter(command, names[1], CrmDbType.DateTime, watermark);
        _dialect.AddParameter(command, names[2], CrmDbType.DateTime, syncedAt);
        _dialect.AddParameter(command, names[3], CrmDbType.Int64, transactionCount);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;

        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(
        DbConnection connection,
        string sql,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;

        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
