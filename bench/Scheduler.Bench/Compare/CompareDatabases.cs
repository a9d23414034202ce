using System.Globalization;
using MySqlConnector;
using Scheduler.Crm;
using Scheduler.Testing;

namespace Scheduler.Bench.Compare;

/// <summary>
/// The MariaDB server of a compare run, started like the tests start it: the legacy database seeded once and read
/// through its own account (whose statements the server counts), and a target database made empty before each
/// design's cycle so that every design does the same first full sync.
/// </summary>
internal sealed class CompareDatabases : IAsyncDisposable
{
    /// <summary>The account every design reads (and the baseline writes) the legacy database with.</summary>
    public const string LegacyAccount = "legacy_app";

    /// <summary>The <c>mariadbd</c> option every benchmark's server runs with.</summary>
    public const string BufferPoolOption = "--innodb-buffer-pool-size=2G";

    private const string LegacyName = "cmp_legacy";
    private const string TargetName = "cmp_target";

    // Dirty pages in the buffer pool plus undo history not yet purged; both shrink to zero on an idle server.
    private const string DirtyAndUnpurged =
        "SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS " +
        "WHERE VARIABLE_NAME IN ('INNODB_BUFFER_POOL_PAGES_DIRTY', 'INNODB_HISTORY_LIST_LENGTH')";

    private static readonly string[] TargetTables = ["users", "transactions", "sync_state"];

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(100);

    private readonly MariaDbFixture _fixture;

    private CompareDatabases(MariaDbFixture fixture, string legacy, string legacyAdmin)
    {
        _fixture = fixture;
        Legacy = legacy;
        LegacyAdmin = legacyAdmin;
    }

    /// <summary>The legacy database through the counted account.</summary>
    public string Legacy { get; }

    /// <summary>The legacy database through the administrative account, which is not counted.</summary>
    public string LegacyAdmin { get; }

    /// <summary>The administrative account with no database selected.</summary>
    public string Admin => _fixture.ConnectionString;

    /// <summary>Starts MariaDB, seeds the legacy data, adds the status column and the legacy account.</summary>
    public static async Task<CompareDatabases> StartAsync(int users, int transactionsPerUser)
    {
        // A buffer pool that holds a million users' legacy and target rows, as a server sized for its data would;
        // the 128 MB default would make every design measure page reads from the file cache.
        var fixture = new MariaDbFixture { ServerOptions = [BufferPoolOption] };
        await fixture.InitializeAsync();
        try
        {
            var legacyAdmin = await fixture.CreateDatabaseAsync(LegacyName);
            await LegacySeeder.SeedAsync(legacyAdmin, users, transactionsPerUser);

            // Added to the one legacy table both designs read, so the product reads the same, wider rows.
            await StatusColumn.Baseline.StatusColumnSchema.AddAsync(legacyAdmin);
            await CreateAccountAsync(fixture.ConnectionString);
            await LegacyMonitor.EnableAsync(fixture.ConnectionString);

            var legacy = new MySqlConnectionStringBuilder(legacyAdmin)
            {
                UserID = LegacyAccount,
                Password = LegacyAccount,
            }.ConnectionString;
            return new CompareDatabases(fixture, legacy, legacyAdmin);
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until MariaDB has written every changed page to disk and purged the old row versions, so that a timed
    /// cycle does not pay for the writes of whatever ran before it (the seed, the other side's cycles, a change).
    /// </summary>
    public async Task SettleAsync()
    {
        await using var connection = new MySqlConnection(Admin);
        await connection.OpenAsync();

        var limit = await ScalarAsync(connection, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct");
        await ExecuteAsync(connection, "SET GLOBAL innodb_max_dirty_pages_pct = 0");
        try
        {
            var deadline = DateTime.UtcNow + SettleTimeout;
            while (await ScalarAsync(connection, DirtyAndUnpurged) > 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException(
                        $"MariaDB still had dirty pages or unpurged history after {SettleTimeout}.");
                }

                await Task.Delay(SettlePoll);
            }
        }
        finally
        {
            await ExecuteAsync(connection,
                string.Create(CultureInfo.InvariantCulture, $"SET GLOBAL innodb_max_dirty_pages_pct = {limit}"));
        }
    }

    /// <summary>Drops and creates the target database; returns its connection string.</summary>
    public Task<string> NewTargetAsync() => _fixture.CreateDatabaseAsync(TargetName);

    /// <summary>Drops and creates the target database <c>cmp_target_</c><paramref name="side"/>.</summary>
    public Task<string> NewTargetAsync(string side) => _fixture.CreateDatabaseAsync($"{TargetName}_{side}");

    /// <summary>
    /// Empties the target's tables, if the sync has created them, so that the next cycle copies everything again;
    /// the tables stay, as they would under a processor that has already checked its schema.
    /// </summary>
    public static async Task EmptyTargetAsync(string target)
    {
        await using var connection = new MySqlConnection(target);
        await connection.OpenAsync();

        var existing = new List<string>();
        await using (var command = new MySqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var table in TargetTables.Intersect(existing, StringComparer.OrdinalIgnoreCase))
        {
            await ExecuteAsync(connection, $"TRUNCATE TABLE {table}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _fixture.DisposeAsync();

    private static async Task<double> ScalarAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task CreateAccountAsync(string admin)
    {
        await using var connection = new MySqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            $"CREATE USER IF NOT EXISTS '{LegacyAccount}'@'%' IDENTIFIED BY '{LegacyAccount}'; " +
            $"GRANT ALL ON `{LegacyName}`.* TO '{LegacyAccount}'@'%';", connection);
        await command.ExecuteNonQueryAsync();
    }
}
