using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Scheduler.Crm;

/// <summary>Checks the <c>crm-sync</c> settings at start-up, naming each bad setting by its path.</summary>
public sealed class CrmSyncOptionsValidator : IValidateOptions<CrmSyncOptions>
{
    private static readonly TimeSpan MaxCommandTimeout = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CrmSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        const string root = CrmSyncOptions.SectionName;

        if (CrmSyncOptions.IsSqlite(options.Provider))
        {
            CheckSqliteConnectionString(options.LegacyConnectionString, CrmSyncOptions.LegacyKey, failures);
            CheckSqliteConnectionString(options.TargetConnectionString, CrmSyncOptions.TargetKey, failures);
        }
        else if (CrmSyncOptions.IsMySql(options.Provider))
        {
            CheckConnectionString(options.LegacyConnectionString, CrmSyncOptions.LegacyKey, failures);
            CheckConnectionString(options.TargetConnectionString, CrmSyncOptions.TargetKey, failures);
        }
        else
        {
            failures.Add($"{root}:Provider must be \"{CrmSyncOptions.MySqlProvider}\" or "
                + $"\"{CrmSyncOptions.SqliteProvider}\" (was \"{options.Provider}\").");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > MaxCommandTimeout)
        {
            failures.Add($"{root}:CommandTimeout must be between 1 second and 1 hour (was {options.CommandTimeout}).");
        }

        if (options.WatermarkSafetyMargin < TimeSpan.Zero)
        {
            failures.Add(
                $"{root}:WatermarkSafetyMargin must be zero or positive (was {options.WatermarkSafetyMargin}).");
        }

        if (options.UpsertRowsPerStatement is < 1 or > 10_000)
        {
            failures.Add(FormattableString.Invariant(
                $"{root}:UpsertRowsPerStatement must be between 1 and 10000 (was {options.UpsertRowsPerStatement})."));
        }

        if (options.BulkWriteMinRows < 0)
        {
            failures.Add(FormattableString.Invariant(
                $"{root}:BulkWriteMinRows must be zero or positive (was {options.BulkWriteMinRows})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckConnectionString(string value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} must be set to a MySQL or MariaDB connection string.");
            return;
        }

        try
        {
            _ = new MySqlConnectionStringBuilder(value);
        }
        catch (ArgumentException)
        {
            // The value is not echoed: it may hold a password.
            failures.Add($"{key} is not a valid MySqlConnector connection string.");
        }
    }

    private static void CheckSqliteConnectionString(string value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} must be set to a SQLite connection string such as \"Data Source=/path/file.db\".");
            return;
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(value);

            // A memory database lives as long as its connection, so the legacy rows or the copies would vanish.
            if (string.IsNullOrWhiteSpace(builder.DataSource)
                || builder.Mode == SqliteOpenMode.Memory
                || string.Equals(builder.DataSource, ":memory:", StringComparison.Ordinal))
            {
                failures.Add($"{key} must name a SQLite file with Data Source.");
            }
        }
        catch (ArgumentException)
        {
            // The value is not echoed, like a MySQL one that may hold a password.
            failures.Add($"{key} is not a valid Microsoft.Data.Sqlite connection string.");
        }
    }
}
