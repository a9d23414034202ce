using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    // With the copies the next legacy read will return again, so that unchanged ones need not be rewritten.
    private const string StateQuery = "SELECT s.user_id, s.watermark, u.id IS NOT NULL, u.updated_at, t.id, "
        + "t.updated_at FROM sync_state s LEFT JOIN users u ON u.id = s.user_id "
        + "LEFT JOIN transactions t ON t.user_id = s.user_id "
        + "AND t.updated_at >= s.watermark - INTERVAL @margin MICROSECOND WHERE s.user_id IN (";

    private const string TouchQuery = "UPDATE sync_state SET synced_at = @now WHERE user_id IN (";

    private const string UsersUpsert = "INSERT INTO users (id, email, name, updated_at) VALUES ";

    private const string UsersUpdate = " ON DUPLICATE KEY UPDATE email = VALUES(email), name = VALUES(name), "
        + "updated_at = VALUES(updated_at)";

    private const string TransactionsUpsert =
        "INSERT INTO transactions (id, user_id, amount, currency, status, created_at, updated_at) VALUES ";

    private const string TransactionsUpdate = " ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), "
        + "amount = VALUES(amount), currency = VALUES(currency), status = VALUES(status), "
        + "created_at = VALUES(created_at), updated_at = VALUES(updated_at)";

    private const string WatermarksUpsert = "INSERT INTO sync_state (user_id, watermark, synced_at) VALUES ";

    // The watermark never moves back, so that an older batch replayed late cannot make a later sync miss rows.
    private const string WatermarksUpdate = " ON DUPLICATE KEY UPDATE "
        + "watermark = GREATEST(COALESCE(watermark, VALUES(watermark)), COALESCE(VALUES(watermark), watermark)), "
        + "synced_at = VALUES(synced_at)";

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

            var connection = new MySqlConnection(_targetConnectionString);

            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

                var command = new MySqlCommand(CrmSchema.TargetDdl, connection);

                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    private async Task<TargetState> ReadTargetStateAsync(List<long> userIds, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_targetConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = connection.CreateCommand();

            await using (command.ConfigureAwait(false))
            {
                var sql = new StringBuilder(StateQuery);
                SqlParameters.AppendIdList(sql, command, "u", userIds);
                command.CommandText = sql.Append(')').ToString();
                SqlParameters.Add(command, "@margin", MySqlDbType.Int64,
                    _options.WatermarkSafetyMargin.Ticks / TimeSpan.TicksPerMicrosecond);

                var state = new TargetState(new(userIds.Count), []);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        state.Users[reader.GetInt64(0)] = new TargetUserState(
                            reader.IsDBNull(1) ? null : reader.GetDateTime(1),
                            reader.GetBoolean(2),
                            reader.IsDBNull(3) ? null : reader.GetDateTime(3));

                        if (!reader.IsDBNull(4))
                        {
                            state.CopiedVersions[reader.GetInt64(4)] =
                                reader.IsDBNull(5) ? null : reader.GetDateTime(5);
                        }
                    }
                }

                return state;
            }
        }
    }

    private async Task<(int Users, int Transactions)> WriteTargetAsync(
        List<LegacyUser> users,
        List<LegacyTransaction> transactions,
        TargetState target,
        CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return (0, 0);
        }

        var syncedAt = _time.GetUtcNow().UtcDateTime;
        var states = target.Users;
        var watermarks = NewWatermarks(users, states, transactions);

        // Unchanged rows are left alone, so that a cycle after the first one costs what changed, not what exists.
        List<LegacyUser> changedUsers = [.. users.Where(u => IsChanged(u, states.GetValueOrDefault(u.Id)))];
        List<KeyValuePair<long, DateTime?>> movedWatermarks =
            [.. watermarks.Where(w => states.GetValueOrDefault(w.Key) is not { } s || s.Watermark != w.Value)];
        List<long> unmoved =
        [
            .. watermarks
                .Where(w => states.GetValueOrDefault(w.Key) is { } s && s.Watermark == w.Value)
                .Select(w => w.Key),
        ];

        // A legacy writer sets updated_at with every change, so the same id and updated_at is the same version.
        List<LegacyTransaction> changedTransactions =
        [
            .. transactions.Where(t =>
                !target.CopiedVersions.TryGetValue(t.Id, out var copied)
                || t.UpdatedAt is null
                || copied != t.UpdatedAt),
        ];
        var connection = new MySqlConnection(_targetConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            await using (transaction.ConfigureAwait(false))
            {
                await UpsertAsync(connection, transaction, UsersUpsert, UsersUpdate, changedUsers, 4, BindUser,
                    cancellationToken).ConfigureAwait(false);

                if (_options.BulkWriteMinRows > 0 && changedTransactions.Count >= _options.BulkWriteMinRows)
                {
                    await BulkUpsertTransactionsAsync(connection, transaction, changedTransactions, cancellationToken)
                        .ConfigureAwait(false);
                }
                else
                {
                    await UpsertAsync(connection, transaction, TransactionsUpsert, TransactionsUpdate,
                        changedTransactions, 7, BindTransaction, cancellationToken).ConfigureAwait(false);
                }

                await UpsertAsync(connection, transaction, WatermarksUpsert, WatermarksUpdate, movedWatermarks, 3,
                    (command, names, row) => BindWatermark(command, names, row, syncedAt), cancellationToken)
                    .ConfigureAwait(false);

                await TouchAsync(connection, transaction, unmoved, syncedAt, cancellationToken).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (changedUsers.Count, changedTransactions.Count);
            }
        }
    }

    private static bool IsChanged(LegacyUser user, TargetUserState? state) =>
        state is null || !state.UserCopied || user.UpdatedAt is null || state.UserUpdatedAt != user.UpdatedAt;

    private static async Task TouchAsync(
        MySqlConnection connection,
        MySqlTransaction transaction,
        List<long> userIds,
        DateTime syncedAt,
        CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var command = new MySqlCommand { Connection = connection, Transaction = transaction };

        await using (command.ConfigureAwait(false))
        {
            var sql = new StringBuilder(TouchQuery);
            SqlParameters.AppendIdList(sql, command, "u", userIds);
            command.CommandText = sql.Append(')').ToString();
            SqlParameters.Add(command, "@now", MySqlDbType.DateTime, syncedAt);

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpsertAsync<T>(
        MySqlConnection connection,
        MySqlTransaction transaction,
        string insert,
        string update,
        IReadOnlyList<T> rows,
        int columns,
        Action<MySqlCommand, string[], T> bind,
        CancellationToken cancellationToken)
    {
        var chunk = _options.UpsertRowsPerStatement;

        for (var start = 0; start < rows.Count; start += chunk)
        {
            var count = Math.Min(chunk, rows.Count - start);
            var command = new MySqlCommand { Connection = connection, Transaction = transaction };

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

    private static void BindUser(MySqlCommand command, string[] names, LegacyUser user)
    {
        SqlParameters.Add(command, names[0], MySqlDbType.Int64, user.Id);
        SqlParameters.Add(command, names[1], MySqlDbType.VarChar, user.Email);
        SqlParameters.Add(command, names[2], MySqlDbType.VarChar, user.Name);
        SqlParameters.Add(command, names[3], MySqlDbType.DateTime, user.UpdatedAt);
    }

    private static void BindTransaction(MySqlCommand command, string[] names, LegacyTransaction row)
    {
        SqlParameters.Add(command, names[0], MySqlDbType.Int64, row.Id);
        SqlParameters.Add(command, names[1], MySqlDbType.Int64, row.UserId);
        SqlParameters.Add(command, names[2], MySqlDbType.NewDecimal, row.Amount);
        SqlParameters.Add(command, names[3], MySqlDbType.VarChar, row.Currency);
        SqlParameters.Add(command, names[4], MySqlDbType.VarChar, row.Status);
        SqlParameters.Add(command, names[5], MySqlDbType.DateTime, row.CreatedAt);
        SqlParameters.Add(command, names[6], MySqlDbType.DateTime, row.UpdatedAt);
    }

    private static void BindWatermark(
        MySqlCommand command,
        string[] names,
        KeyValuePair<long, DateTime?> row,
        DateTime syncedAt)
    {
        SqlParameters.Add(command, names[0], MySqlDbType.Int64, row.Key);
        SqlParameters.Add(command, names[1], MySqlDbType.DateTime, row.Value);
        SqlParameters.Add(command, names[2], MySqlDbType.DateTime, syncedAt);
    }
}
