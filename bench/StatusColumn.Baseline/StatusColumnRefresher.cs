using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MySqlConnector;

namespace StatusColumn.Baseline;

/// <summary>
/// The status-column design done well: parallel workers claim chunks of pending users with
/// <c>SELECT … FOR UPDATE SKIP LOCKED</c>, mark them updating, refresh them, mark them updated, and the cycle ends by
/// resetting every row to pending.
/// </summary>
/// <remarks>
/// Each worker keeps one connection for the whole cycle, as a pooled worker would. A claim is one transaction:
/// <c>BEGIN; SELECT id FROM users WHERE sync_status='pending' ORDER BY id LIMIT n FOR UPDATE SKIP LOCKED;
/// UPDATE users SET sync_status='updating' WHERE id IN (…); COMMIT</c>. A worker stops at its first empty claim,
/// which is safe: a pending row it skipped was locked by a claim that will mark it. Claims run at READ COMMITTED,
/// which takes no gap locks on the status index, and a statement that still loses a deadlock (claims and marks
/// move rows in the same index) is retried, as the server's message asks; the retries are counted.
/// </remarks>
public sealed class StatusColumnRefresher
{
    private const string ClaimSql =
        "SELECT id FROM users WHERE sync_status = 'pending' ORDER BY id LIMIT @chunk FOR UPDATE SKIP LOCKED";

    private const string ResetSql = "UPDATE users SET sync_status = 'pending'";

    private readonly string _legacyConnectionString;
    private readonly StatusColumnSettings _settings;
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _work;
    private long _refreshed;
    private long _chunks;
    private long _queries;
    private long _rowsWritten;
    private long _deadlocks;

    /// <summary>Creates a refresher.</summary>
    /// <param name="legacyConnectionString">The legacy database; its <c>users</c> table has the status column.</param>
    /// <param name="settings">Workers and chunk size.</param>
    /// <param name="work">Refreshes one chunk of user ids; an exception ends the cycle.</param>
    public StatusColumnRefresher(
        string legacyConnectionString,
        StatusColumnSettings settings,
        Func<IReadOnlyList<string>, CancellationToken, Task> work)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(legacyConnectionString);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(work);
        settings.Validate();

        _legacyConnectionString = legacyConnectionString;
        _settings = settings;
        _work = work;
    }

    /// <summary>Runs one full cycle: every pending user is refreshed once, then every row is reset.</summary>
    /// <param name="cancellationToken">Stops the workers between statements.</param>
    /// <returns>The counts of the cycle.</returns>
    public async Task<StatusColumnCycle> RunCycleAsync(CancellationToken cancellationToken = default)
    {
        _refreshed = _chunks = _queries = _rowsWritten = _deadlocks = 0;
        var clock = Stopwatch.StartNew();

        var workers = Enumerable.Range(0, _settings.Workers).Select(_ => WorkAsync(cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);

        await ResetAsync(cancellationToken).ConfigureAwait(false);
        clock.Stop();

        return new StatusColumnCycle(clock.Elapsed, _refreshed, _chunks, _queries, _rowsWritten, _deadlocks);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        // Off the caller's thread at once, so that the workers claim in parallel from the start.
        await Task.Yield();

        var connection = new MySqlConnection(_legacyConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            while (true)
            {
                var ids = await RetryAsync(() => ClaimAsync(connection, cancellationToken)).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    return;
                }

                await _work(ids, cancellationToken).ConfigureAwait(false);

                await RetryAsync(async () =>
                {
                    await SetStatusAsync(connection, null, "updated", ids, cancellationToken).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
                Interlocked.Add(ref _refreshed, ids.Count);
                Interlocked.Increment(ref _chunks);
            }
        }
    }

    private async Task<List<string>> ClaimAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection
            .BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

        await using (transaction.ConfigureAwait(false))
        {
            Interlocked.Increment(ref _queries);

            var ids = new List<string>(_settings.ChunkSize);
            var select = new MySqlCommand(ClaimSql, connection, transaction);

            await using (select.ConfigureAwait(false))
            {
                select.Parameters.AddWithValue("@chunk", _settings.ChunkSize);
                Interlocked.Increment(ref _queries);

                var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids.Add(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
                    }
                }
            }

            if (ids.Count > 0)
            {
                await SetStatusAsync(connection, transaction, "updating", ids, cancellationToken)
                    .ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _queries);
            return ids;
        }
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> statement)
    {
        while (true)
        {
            try
            {
                return await statement().ConfigureAwait(false);
            }
            catch (MySqlException e)
                when (e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
                // The server rolled the transaction back; claiming again is what its message asks for.
                Interlocked.Increment(ref _deadlocks);
            }
        }
    }

    private async Task SetStatusAsync(
        MySqlConnection connection,
        MySqlTransaction? transaction,
        string status,
        List<string> ids,
        CancellationToken cancellationToken)
    {
        // The ids were read back as integers and formatted here, so they go into the statement as literals. Lists
        // stay under MariaDB's in_predicate_conversion_threshold (1,000), above which an IN list becomes a join
        // that scans the whole table, as the product's queries do.
        var sql = new StringBuilder("UPDATE users SET sync_status = '").Append(status).Append("' WHERE ");
        foreach (var (chunk, index) in ids.Chunk(500).Select((chunk, index) => (chunk, index)))
        {
            sql.Append(index == 0 ? "id IN (" : " OR id IN (").AppendJoin(',', chunk).Append(')');
        }

        var command = new MySqlCommand(sql.ToString(), connection, transaction);

        await using (command.ConfigureAwait(false))
        {
            var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _queries);
            Interlocked.Add(ref _rowsWritten, rows);
        }
    }

    private async Task ResetAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_legacyConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = new MySqlCommand(ResetSql, connection) { CommandTimeout = 0 };

            await using (command.ConfigureAwait(false))
            {
                var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _queries);
                Interlocked.Add(ref _rowsWritten, rows);
            }
        }
    }
}
