using System.Data;
using MySqlConnector;

namespace Scheduler.Crm;

/// <summary>
/// Creates the legacy schema of SPEC.md section 7 and fills it with demo users and transactions, for the
/// <c>seed</c> verb, benchmarks and tests.
/// </summary>
/// <remarks>
/// The data is deterministic: user <c>n</c> (from 1) has transactions <c>(n − 1) × M + 1</c> to <c>n × M</c>, one
/// a day from 2024-01-01, with amounts, currencies and statuses derived from the transaction id. Rows are loaded with
/// <see cref="MySqlBulkCopy"/> in chunks, which needs <c>local_infile</c> enabled on the server; seeding again
/// replaces the rows of the same ids.
/// </remarks>
public static class LegacySeeder
{
    /// <summary>The number of users written per bulk load.</summary>
    public const int UsersPerChunk = 20_000;

    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Currencies = ["EUR", "USD", "GBP"];
    private static readonly string[] Statuses = ["pending", "settled", "refunded", "failed"];

    /// <summary>Creates the legacy tables if missing and writes users 1 to <paramref name="users"/>.</summary>
    /// <param name="connectionString">The legacy database, with a database selected.</param>
    /// <param name="users">How many users to write.</param>
    /// <param name="transactionsPerUser">How many transactions each user gets.</param>
    /// <param name="progress">Told the number of users written so far after every chunk.</param>
    /// <param name="cancellationToken">Stops the seeding between chunks.</param>
    /// <returns>A task that completes once every row is written.</returns>
    public static async Task SeedAsync(
        string connectionString,
        long users,
        int transactionsPerUser,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        ArgumentOutOfRangeException.ThrowIfNegative(transactionsPerUser);

        var builder = new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true };
        var connection = new MySqlConnection(builder.ConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, CrmSchema.LegacyDdl, cancellationToken).ConfigureAwait(false);

            for (var first = 1L; first <= users; first += UsersPerChunk)
            {
                var last = Math.Min(users, first + UsersPerChunk - 1);

                using var userTable = UserChunk(first, last);
                await LoadAsync(connection, "users", userTable, cancellationToken).ConfigureAwait(false);

                using var transactionTable = TransactionChunk(first, last, transactionsPerUser);
                await LoadAsync(connection, "transactions", transactionTable, cancellationToken)
                    .ConfigureAwait(false);

                progress?.Report(last);
            }
        }
    }

    /// <summary>Users <paramref name="first"/> to <paramref name="last"/>, as the seeders write them.</summary>
    internal static DataTable UserChunk(long first, long last)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("email", typeof(string));
        table.Columns.Add("name", typeof(string));
        table.Columns.Add("updated_at", typeof(DateTime));

        for (var id = first; id <= last; id++)
        {
            table.Rows.Add(id, FormattableString.Invariant($"user{id}@example.com"),
                FormattableString.Invariant($"User {id}"), Epoch.AddSeconds(id));
        }

        return table;
    }

    /// <summary>The transactions of users <paramref name="first"/> to <paramref name="last"/>.</summary>
    internal static DataTable TransactionChunk(long first, long last, int perUser)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("user_id", typeof(long));
        table.Columns.Add("amount", typeof(decimal));
        table.Columns.Add("currency", typeof(string));
        table.Columns.Add("status", typeof(string));
        table.Columns.Add("created_at", typeof(DateTime));
        table.Columns.Add("updated_at", typeof(DateTime));

        for (var user = first; user <= last; user++)
        {
            for (var k = 1; k <= perUser; k++)
            {
                var id = ((user - 1) * perUser) + k;

                // A user's transactions lie a day apart, as real ones do, so a watermark margin covers few of them.
                var created = Epoch.AddDays(k - 1).AddSeconds(user);
                table.Rows.Add(id, user, (id * 7919 % 1_000_000) / 100m, Currencies[id % Currencies.Length],
                    Statuses[id % Statuses.Length], created, created.AddSeconds(id % 3600));
            }
        }

        return table;
    }

    private static async Task LoadAsync(
        MySqlConnection connection,
        string table,
        DataTable rows,
        CancellationToken cancellationToken)
    {
        if (rows.Rows.Count == 0)
        {
            return;
        }

        var bulkCopy = new MySqlBulkCopy(connection)
        {
            DestinationTableName = table,
            ConflictOption = MySqlBulkLoaderConflictOption.Replace,
            BulkCopyTimeout = 0,
        };

        var result = await bulkCopy.WriteToServerAsync(rows, cancellationToken).ConfigureAwait(false);

        if (result.Warnings.Count > 0)
        {
            throw new InvalidOperationException(
                $"Loading the legacy {table} table produced {result.Warnings.Count} warnings, the first being: "
                + result.Warnings[0].Message);
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken token)
    {
        var command = new MySqlCommand(sql, connection);

        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }
    }
}
