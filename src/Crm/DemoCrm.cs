using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Scheduler.Crm;

/// <summary>
/// The embedded demo's legacy database: a SQLite file seeded once with the same deterministic users and
/// transactions as <see cref="LegacySeeder"/>, and a little made-up activity so that the demo shows rows moving.
/// SQLite is the demo path only; MySQL or MariaDB is the product path.
/// </summary>
public static class DemoCrm
{
    /// <summary>The legacy file's name inside the demo's data directory.</summary>
    public const string LegacyFileName = "crm-legacy.db";

    /// <summary>The target file's name inside the demo's data directory.</summary>
    public const string TargetFileName = "crm-target.db";

    private const string InsertUser = "INSERT INTO users (id, email, name, updated_at) "
        + "VALUES (@id, @email, @name, @updated_at)";

    private const string InsertTransaction =
        "INSERT INTO transactions (id, user_id, amount, currency, status, created_at, updated_at) "
        + "VALUES (@id, @user_id, @amount, @currency, @status, @created_at, @updated_at)";

    private const string UpdateTransaction =
        "UPDATE transactions SET amount = @amount, status = @status, updated_at = @now WHERE id = @id";

    private const string RenameUser = "UPDATE users SET name = @name, updated_at = @now WHERE id = @id";

    private static readonly string[] Currencies = ["EUR", "USD", "GBP"];
    private static readonly string[] Statuses = ["pending", "settled", "refunded", "failed"];

    /// <summary>A connection string for the SQLite file at <paramref name="path"/>, created when missing.</summary>
    public static string ConnectionString(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ConnectionString;
    }

    /// <summary>
    /// Creates the legacy schema in the SQLite file at <paramref name="legacyPath"/> and writes users 1 to
    /// <paramref name="users"/> with <paramref name="transactionsPerUser"/> transactions each, unless the file
    /// already holds users, in which case nothing changes. One transaction: an interrupted seeding leaves no rows, so
    /// the next start seeds again.
    /// </summary>
    /// <returns>Whether this call seeded the file.</returns>
    public static async Task<bool> EnsureSeededAsync(
        string legacyPath,
        int users,
        int transactionsPerUser,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(legacyPath);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        ArgumentOutOfRangeException.ThrowIfNegative(transactionsPerUser);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(legacyPath))!);

        var connection = new SqliteConnection(ConnectionString(legacyPath));

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // WAL lets the processor read a snapshot while the demo activity writes.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);

            // Immediate, so that two starts racing on one file cannot both find it empty.
            var transaction = connection.BeginTransaction(deferred: false);

            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, CrmSchema.SqliteLegacyDdl, cancellationToken)
                    .ConfigureAwait(false);

                if (await ScalarAsync(connection, transaction, "SELECT EXISTS (SELECT 1 FROM users)",
                        cancellationToken).ConfigureAwait(false) != 0)
                {
                    return false;
                }

                for (var first = 1L; first <= users; first += LegacySeeder.UsersPerChunk)
                {
                    var last = Math.Min(users, first + LegacySeeder.UsersPerChunk - 1);

                    using var userRows = LegacySeeder.UserChunk(first, last);
                    await InsertAsync(connection, transaction, InsertUser, userRows, cancellationToken)
                        .ConfigureAwait(false);

                    using var transactionRows = LegacySeeder.TransactionChunk(first, last, transactionsPerUser);
                    await InsertAsync(connection, transaction, InsertTransaction, transactionRows, cancellationToken)
                        .ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <summary>Every user id of the legacy file, in ascending order, for enrolling them.</summary>
    public static async Task<IReadOnlyList<long>> ReadUserIdsAsync(
        string legacyPath,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(legacyPath);

        var builder = new SqliteConnectionStringBuilder(ConnectionString(legacyPath))
        {
            Mode = SqliteOpenMode.ReadOnly,
        };
        var connection = new SqliteConnection(builder.ConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = connection.CreateCommand();

            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT id FROM users ORDER BY id";

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
    }

    /// <summary>
    /// Plays a legacy application for a moment, in one transaction: changes the amount and status of
    /// <paramref name="changes"/> random transactions, adds <c>changes / 2</c> (at least one) new ones to random
    /// users and renames one user, every touched row getting <c>updated_at = </c><paramref name="now"/>.
    /// </summary>
    /// <returns>The number of rows written; zero when the file holds no users.</returns>
    public static async Task<int> SimulateActivityAsync(
        string legacyPath,
        int changes,
        DateTime now,
        Random random,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(legacyPath);
        ArgumentOutOfRangeException.ThrowIfNegative(changes);
        ArgumentNullException.ThrowIfNull(random);

        // Microseconds, as a MySQL DATETIME(6) would keep them.
        var stamp = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        var connection = new SqliteConnection(ConnectionString(legacyPath));

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var transaction = connection.BeginTransaction(deferred: false);

            await using (transaction.ConfigureAwait(false))
            {
                var lastUser = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(id), 0) FROM users",
                    cancellationToken).ConfigureAwait(false);
                var lastTransaction = await ScalarAsync(connection, transaction,
                    "SELECT COALESCE(MAX(id), 0) FROM transactions", cancellationToken).ConfigureAwait(false);

                if (lastUser == 0)
                {
                    return 0;
                }

                var written = 0;

                for (var i = 0; i < changes && lastTransaction > 0; i++)
                {
                    written += await WriteAsync(connection, transaction, UpdateTransaction, cancellationToken,
                        ("@id", random.NextInt64(1, lastTransaction + 1)), ("@amount", Amount(random)),
                        ("@status", Statuses[random.Next(Statuses.Length)]), ("@now", stamp)).ConfigureAwait(false);
                }

                for (var i = 0; i < Math.Max(1, changes / 2); i++)
                {
                    written += await WriteAsync(connection, transaction, InsertTransaction, cancellationToken,
                        ("@id", lastTransaction + i + 1), ("@user_id", random.NextInt64(1, lastUser + 1)),
                        ("@amount", Amount(random)), ("@currency", Currencies[random.Next(Currencies.Length)]),
                        ("@status", "pending"), ("@created_at", stamp), ("@updated_at", stamp)).ConfigureAwait(false);
                }

                var renamed = random.NextInt64(1, lastUser + 1);
                var name = string.Create(CultureInfo.InvariantCulture, $"User {renamed} ({stamp:HH:mm:ss})");
                written += await WriteAsync(connection, transaction, RenameUser, cancellationToken,
                    ("@id", renamed), ("@name", name), ("@now", stamp)).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return written;
            }
        }
    }

    private static decimal Amount(Random random) => random.Next(1, 10_000_000) / 100m;

    private static async Task InsertAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        DataTable rows,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();

        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;

            var parameters = rows.Columns.Cast<DataColumn>()
                .Select(column => command.Parameters.Add(new SqliteParameter("@" + column.ColumnName, null)))
                .ToArray();

            // One prepared statement for every row: inside one transaction SQLite needs nothing faster.
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);

            foreach (DataRow row in rows.Rows)
            {
                for (var c = 0; c < parameters.Length; c++)
                {
                    parameters[c].Value = row[c];
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> WriteAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] values)
    {
        var command = connection.CreateCommand();

        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;

            foreach (var (name, value) in values)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();

        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> ScalarAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();

        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
    }
}
