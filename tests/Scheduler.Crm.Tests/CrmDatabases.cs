using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

/// <summary>A fresh legacy and target database pair for one test, with helpers to change and compare them.</summary>
internal sealed class CrmDatabases
{
    public const string Schedule = "crm";

    private CrmDatabases(string legacy, string target)
    {
        Legacy = legacy;
        Target = target;
    }

    public string Legacy { get; }

    public string Target { get; }

    public static async Task<CrmDatabases> CreateAsync(MariaDbFixture fixture, string tag)
    {
        var legacy = await fixture.CreateDatabaseAsync($"crm_legacy_{tag}");
        var target = await fixture.CreateDatabaseAsync($"crm_target_{tag}");
        return new CrmDatabases(legacy, target);
    }

    public CrmSyncProcessor CreateProcessor(string? legacyConnectionString = null, TimeSpan? margin = null) =>
        new(Options.Create(new CrmSyncOptions
        {
            LegacyConnectionString = legacyConnectionString ?? Legacy,
            TargetConnectionString = Target,
            CommandTimeout = TimeSpan.FromSeconds(10),
            WatermarkSafetyMargin = margin ?? TimeSpan.FromMinutes(5),
        }), NullLogger<CrmSyncProcessor>.Instance, TimeProvider.System);

    public static IReadOnlyList<string> Ids(long first, long last) =>
        [
            .. Enumerable.Range((int)first, (int)(last - first + 1))
                .Select(i => i.ToString(CultureInfo.InvariantCulture)),
        ];

    public static async Task ExecuteAsync(string connectionString, string sql, params (string, object?)[] values)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, parameter) in values)
        {
            command.Parameters.AddWithValue(name, parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(
        string connectionString,
        string sql,
        params (string, object?)[] values)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, parameter) in values)
        {
            command.Parameters.AddWithValue(name, parameter);
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Every user and transaction of a database as text, in id order, amounts to the cent.</summary>
    public static async Task<IReadOnlyList<string>> SnapshotAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        var rows = new List<string>();
        await ReadRowsAsync(connection, "SELECT 'u', id, email, name, updated_at FROM users ORDER BY id", rows);
        await ReadRowsAsync(connection, "SELECT 't', id, user_id, CAST(amount AS CHAR), currency, status, "
            + "created_at, updated_at FROM transactions ORDER BY id", rows);
        return rows;
    }

    private static async Task ReadRowsAsync(MySqlConnection connection, string sql, List<string> rows)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();

        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => v is DateTime d
                ? d.ToString("O", CultureInfo.InvariantCulture)
                : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
    }
}
