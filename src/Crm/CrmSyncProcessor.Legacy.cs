using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    private const string UsersQuery = "SELECT id, email, name, updated_at FROM users WHERE ";

    private const string TransactionColumns =
        "SELECT id, user_id, amount, currency, status, created_at, updated_at FROM transactions";

    private const string CountQuery = "SELECT user_id, COUNT(*) FROM transactions WHERE ";

    private static readonly TimeSpan WindowSpread = TimeSpan.FromHours(1);

    private static readonly Dictionary<long, TargetUserState> NeverSynced = [];

    private async Task<LegacySnapshot> ReadLegacyAsync(
        List<long> userIds,
        Dictionary<long, TargetUserState> states,
        CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateLegacyConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // A read-only snapshot: every query sees the same moment, and a write could not slip through by mistake.
            var transaction = await _dialect.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);

            await using (transaction.ConfigureAwait(false))
            {
                // The clock is read before the first table read fixes the snapshot, so that every row stamped at or
                // after it and committed later is still ahead of the watermark it becomes.
                var clock = await ReadClockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var users = await ReadUsersAsync(connection, transaction, userIds, cancellationToken)
                    .ConfigureAwait(false);
                List<long> present = [.. users.Keys];
                var transactions = await ReadTransactionsAsync(
                    connection, transaction, present, states, cancellationToken).ConfigureAwait(false);
                var counts = await CountTransactionsAsync(connection, transaction, present, cancellationToken)
                    .ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new LegacySnapshot(clock, users, transactions, counts);
            }
        }
    }

    /// <summary>
    /// Reads every transaction of the given users, outside any batch snapshot: for users whose copy drifted from the
    /// legacy data, what the legacy data holds now is what the copy must become.
    /// </summary>
    private async Task<List<LegacyTransaction>> ReadAllTransactionsAsync(
        List<long> userIds,
        CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateLegacyConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            return await ReadTransactionsAsync(connection, null, userIds, NeverSynced, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<DateTime> ReadClockAsync(
        DbConnection connection,
        DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _dialect.ClockQuery;

        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0))
                {
                    throw new InvalidOperationException("The legacy database did not return its current time.");
                }

                return reader.GetDateTime(0);
            }
        }
    }

    /// <summary>
    /// Counts each user's transactions; a user with none is absent. On the <c>(user_id, updated_at)</c> index the
    /// count reads index entries only, which is what lets rows deleted in the legacy data be noticed without
    /// reading the rows.
    /// </summary>
    private async Task<Dictionary<long, long>> CountTransactionsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        List<long> userIds,
        CancellationToken cancellationToken)
    {
        var counts = new Dictionary<long, long>(userIds.Count);

        if (userIds.Count == 0)
        {
            return counts;
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;

        await using (command.ConfigureAwait(false))
        {
            var sql = new StringBuilder(CountQuery);
            SqlParameters.AppendIn(sql, command, _dialect, "user_id", "c", userIds);
            command.CommandText = sql.Append(" GROUP BY user_id").ToString();

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    counts[reader.GetInt64(0)] = reader.GetInt64(1);
                }
            }
        }

        return counts;
    }

    private async Task<Dictionary<long, LegacyUser>> ReadUsersAsync(
        DbConnection connection,
        DbTransaction transaction,
        List<long> userIds,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;

        await using (command.ConfigureAwait(false))
        {
            var sql = new StringBuilder(UsersQuery);
            SqlParameters.AppendIn(sql, command, _dialect, "id", "u", userIds);
            command.CommandText = sql.ToString();

            var users = new Dictionary<long, LegacyUser>(userIds.Count);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var user = new LegacyUser(
                        reader.GetInt64(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetDateTime(3));
                    users[user.Id] = user;
                }
            }

            return users;
        }
    }

    private async Task<List<LegacyTransaction>> ReadTransactionsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        List<long> userIds,
        Dictionary<long, TargetUserState> states,
        CancellationToken cancellationToken)
    {
        var result = new List<LegacyTransaction>();

        if (userIds.Count == 0)
        {
            return result;
        }

        List<long> fresh = [.. userIds.Where(id => StartOf(states, id) is null)];
        List<long> synced = [.. userIds.Where(id => StartOf(states, id) is not null)];

        var command = connection.CreateCommand();
        command.Transaction = transaction;

        await using (command.ConfigureAwait(false))
        {
            var sql = new StringBuilder();

            if (fresh.Count > 0)
            {
                sql.Append(TransactionColumns).Append(" WHERE ");
                SqlParameters.AppendIn(sql, command, _dialect, "user_id", "f", fresh);
            }

            if (synced.Count > 0)
            {
                sql.Append(fresh.Count > 0 ? " UNION ALL " : string.Empty)
                    .Append(TransactionColumns).Append(" WHERE ");
                AppendWindows(sql, command, synced, states);
            }

            command.CommandText = sql.ToString();

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var row = new LegacyTransaction(
                        reader.GetInt64(0),
                        reader.GetInt64(1),
                        reader.IsDBNull(2) ? null : reader.GetDecimal(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetDateTime(5),
                        reader.IsDBNull(6) ? null : reader.GetDateTime(6));

                    // A window starts at its earliest user's start; what another user already has is dropped.
                    if (StartOf(states, row.UserId) is not { } start || row.UpdatedAt >= start)
                    {
                        result.Add(row);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Appends <c>(updated_at &gt;= ? AND user_id IN (…)) OR …</c>, one term per group of users whose starts lie
    /// within <see cref="WindowSpread"/> of each other: each term is one range of the <c>(user_id, updated_at)</c>
    /// index per user, a user reads at most that spread of rows it already has, and the statement carries about one
    /// parameter per user instead of two.
    /// </summary>
    private void AppendWindows(
        StringBuilder sql,
        DbCommand command,
        List<long> synced,
        Dictionary<long, TargetUserState> states)
    {
        var ordered = synced
            .Select(id => (Id: id, Start: StartOf(states, id)!.Value))
            .OrderBy(u => u.Start)
            .ToList();
        var group = 0;
        var index = 0;

        while (index < ordered.Count)
        {
            var since = ordered[index].Start;
            var name = string.Create(CultureInfo.InvariantCulture, $"@g{group}");
            _dialect.AddParameter(command, name, CrmDbType.DateTime, since);
            sql.Append(group == 0 ? "(updated_at >= " : " OR (updated_at >= ").Append(name).Append(" AND ");

            var first = index;
            while (index < ordered.Count && ordered[index].Start - since <= WindowSpread)
            {
                index++;
            }

            SqlParameters.AppendIn(sql, command, _dialect, "user_id", $"s{group}_",
                [.. ordered.GetRange(first, index - first).Select(u => u.Id)]);
            sql.Append(')');
            group++;
        }
    }

    private DateTime? StartOf(Dictionary<long, TargetUserState> states, long user)
    {
        if (states.GetValueOrDefault(user)?.Watermark is not { } value)
        {
            return null;
        }

        return value.Ticks > _options.WatermarkSafetyMargin.Ticks
            ? value - _options.WatermarkSafetyMargin
            : DateTime.MinValue;
    }
}
