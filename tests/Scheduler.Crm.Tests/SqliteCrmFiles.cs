using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Scheduler.Crm.Tests;

/// <summary>A legacy and a target SQLite file in a fresh temporary directory, removed on dispose.</summary>
internal sealed class SqliteCrmFiles : IDisposable
{
    public SqliteCrmFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "crm-sqlite-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string LegacyPath => Path.Combine(Directory, DemoCrm.LegacyFileName);

    public string TargetPath => Path.Combine(Directory, DemoCrm.TargetFileName);

    public string Legacy => DemoCrm.ConnectionString(LegacyPath);

    public string Target => DemoCrm.ConnectionString(TargetPath);

    public CrmSyncProcessor CreateProcessor(TimeSpan? margin = null) =>
        new(Options.Create(new CrmSyncOptions
        {
            Provider = CrmSyncOptions.SqliteProvider,
            LegacyConnectionString = Legacy,
            TargetConnectionString = Target,
            CommandTimeout = TimeSpan.FromSeconds(10),
            WatermarkSafetyMargin = margin ?? TimeSpan.FromMinutes(5),
        }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

    public static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new SqliteCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Every user and transaction of a file as text, in id order, amounts to the cent.</summary>
    public static async Task<IReadOnlyList<string>> SnapshotAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        var rows = new List<string>();

        await using (var command = new SqliteCommand(
            "SELECT id, email, name, updated_at FROM users ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', "u", reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    Stamp(reader.GetDateTime(3))));
            }
        }

        await using (var command = new SqliteCommand("SELECT id, user_id, amount, currency, status, created_at, "
            + "updated_at FROM transactions ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', "t", reader.GetInt64(0), reader.GetInt64(1),
                    reader.GetDecimal(2).ToString("0.00", CultureInfo.InvariantCulture), reader.GetString(3),
                    reader.GetString(4), Stamp(reader.GetDateTime(5)), Stamp(reader.GetDateTime(6))));
            }
        }

        return rows;
    }

    public void Dispose()
    {
        // Pooled connections keep the files open, which would stop the directory from being removed.
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string Stamp(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
