using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    private const string UsersQuery = "SELECT id, email, name, updated_at FROM users WHERE id IN (";

    private const string TransactionColumns =
        "SELECT id, user_id, amount, currency, status, created_at, updated_at FROM transactions";

    private static readonly TimeSpan WindowSpread = TimeSpan.FromHours(1);

    private async Task<(Dictionary<long, LegacyUser> Users, List<LegacyTransaction> Transactions)> ReadLegacyAsync(
        List<long> userIds,
        Dictionary<long, TargetUserState> states,
        CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateLegacyConnection();

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // A read-only snapshot: both queries see the same moment, and a write could not slip through by mistake.
            var transaction = await _dialect.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);

            await using (transaction.ConfigureAwait(false))
            {
                var users = await ReadUsersAsync(connection, transaction, userIds, cancellationToken)
                    .ConfigureAwait(false);
                var transactions = await ReadTransactionsAsync(
                    connection, transaction, [.. users.Keys], states, cancellationToken).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (users, transactions);
            }
        }
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
            SqlParameters.AppendIdList(sql, command, _dialect, "u", userIds);
            command.CommandText = sql.Append(')').ToString();

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
        DbTransaction transaction,
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
                sql.Append(TransactionColumns).Append(" WHERE user_id IN (");
                SqlParameters.AppendIdList(sql, command, _dialect, "f", fresh);
                sql.Append(')');
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
            sql.Append(group == 0 ? "(updated_at >= " : " OR (updated_at >= ")
                .Append(name).Append(" AND user_id IN (");

            var first = index;
            while (index < ordered.Count && ordered[index].Start - since <= WindowSpread)
            {
                var user = string.Create(CultureInfo.InvariantCulture, $"@s{index}");
                sql.Append(index == first ? string.Empty : ",").Append(user);
                _dialect.AddParameter(command, user, CrmDbType.Int64, ordered[index].Id);
                index++;
            }

            sql.Append("))");
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
