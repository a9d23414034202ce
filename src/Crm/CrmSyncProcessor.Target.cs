using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    private const string TouchQuery = "UPDATE sync_state SET synced_at = @now WHERE user_id IN (";

    private const string UsersUpsert = "INSERT INTO users (id, email, name, updated_at) VALUES ";

    private const string TransactionsUpsert =
        "INSERT INTO transactions (id, user_id, amount, currency, status, created_at, updated_at) VALUES ";

    private const string WatermarksUpsert = "INSERT INTO sync_state (user_id, watermark, synced_at) VALUES ";

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

                var command = connection.CreateCommand();
                command.CommandText = _dialect.TargetDdl;

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
        var connection = _dialect.CreateTargetConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = connection.CreateCommand();

            await using (command.ConfigureAwait(false))
            {
                // With the copies the next legacy read will return again, so unchanged ones need not be rewritten.
                var sql = new StringBuilder(_dialect.StateQuery);
                SqlParameters.AppendIdList(sql, command, _dialect, "u", userIds);
                command.CommandText = sql.Append(')').ToString();
                _dialect.AddMargin(command, _options.WatermarkSafetyMargin);

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
        var connection = _dialect.CreateTargetConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            await using (transaction.ConfigureAwait(false))
            {
                await UpsertAsync(connection, transaction, UsersUpsert, _dialect.UsersUpdate, changedUsers, 4,
                    BindUser, cancellationToken).ConfigureAwait(false);

                if (_dialect.UsesBulkWrite(changedTransactions.Count))
                {
                    await _dialect.BulkUpsertAsync(connection, transaction, changedTransactions, cancellationToken)
                        .ConfigureAwait(false);
                }
                else
                {
                    await UpsertAsync(connection, transaction, TransactionsUpsert, _dialect.TransactionsUpdate,
                        changedTransactions, 7, BindTransaction, cancellationToken).ConfigureAwait(false);
                }

                // The watermark never moves back, so an older batch replayed late cannot make a later sync miss rows.
                await UpsertAsync(connection, transaction, WatermarksUpsert, _dialect.WatermarksUpdate,
                    movedWatermarks, 3, (command, names, row) => BindWatermark(command, names, row, syncedAt),
                    cancellationToken).ConfigureAwait(false);

                await TouchAsync(connection, transaction, unmoved, syncedAt, cancellationToken).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (changedUsers.Count, changedTransactions.Count);
            }
        }
    }

    private static bool IsChanged(LegacyUser user, TargetUserState? state) =>
        state is null || !state.UserCopied || user.UpdatedAt is null || state.UserUpdatedAt != user.UpdatedAt;

    private async Task TouchAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<long> userIds,
        DateTime syncedAt,
        CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;

        await using (command.ConfigureAwait(false))
        {
            var sql = new StringBuilder(TouchQuery);
            SqlParameters.AppendIdList(sql, command, _dialect, "u", userIds);
            command.CommandText = sql.Append(')').ToString();
            _dialect.AddParameter(command, "@now", CrmDbType.DateTime, syncedAt);

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    private void BindWatermark(DbCommand command, string[] names, KeyValuePair<long, DateTime?> row, DateTime syncedAt)
    {
        _dialect.AddParameter(command, names[0], CrmDbType.Int64, row.Key);
        _dialect.AddParameter(command, names[1], CrmDbType.DateTime, row.Value);
        _dialect.AddParameter(command, names[2], CrmDbType.DateTime, syncedAt);
    }
}
