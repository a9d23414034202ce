using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using MySqlConnector;

namespace Scheduler.Client.Legacy;

/// <summary>
/// The legacy MySQL or MariaDB database of the CRM demo verbs: the <c>--legacy</c> option, its fallback to
/// <c>ConnectionStrings:Legacy</c>, and the one line that names it in messages without its password.
/// </summary>
internal sealed class LegacyDatabase
{
    public const string Setting = "ConnectionStrings:Legacy";

    private LegacyDatabase(string connectionString, string where)
    {
        ConnectionString = connectionString;
        Where = where;
    }

    public string ConnectionString { get; }

    /// <summary>Server, port and database, for messages; never the user or the password.</summary>
    public string Where { get; }

    public static Option<string?> CreateOption() => new("--legacy")
    {
        Description = $"MySqlConnector connection string of the legacy database (default: {Setting}).",
    };

    /// <summary>
    /// The option's value, else the setting's; throws <see cref="UsageException"/> when neither is given or the
    /// value is not a connection string that selects a database.
    /// </summary>
    public static LegacyDatabase Resolve(IConfiguration configuration, string? option)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var fromOption = !string.IsNullOrWhiteSpace(option);
        var value = fromOption ? option : configuration[Setting];
        var source = fromOption ? "--legacy" : Setting;

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException($"No legacy database: give --legacy CONNSTR or set {Setting}.");
        }

        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            // The parser's message may quote part of the string, password included, so it is not passed on.
            throw new UsageException($"{source} is not a valid MySqlConnector connection string.", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new UsageException($"{source} selects no database; add Database=NAME.");
        }

        var server = string.IsNullOrWhiteSpace(builder.Server) ? "localhost" : builder.Server;
        var where = string.Create(CultureInfo.InvariantCulture, $"{server}:{builder.Port}/{builder.Database}");
        return new LegacyDatabase(value, where);
    }

    /// <summary>
    /// Runs <paramref name="work"/>, turning a database error into one line that says which database failed;
    /// the verb reports it with exit code 1.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<string, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);

        try
        {
            return await work(ConnectionString).ConfigureAwait(false);
        }
        catch (MySqlException ex)
        {
            throw new InvalidOperationException(
                $"the legacy database {Where} (--legacy or {Setting}): {ex.Message}", ex);
        }
    }

    /// <summary>How many users the legacy database holds, for the progress bar of <c>add --from-legacy</c>.</summary>
    public static async Task<long> CountUsersAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = new MySqlCommand("SELECT COUNT(*) FROM users", connection);

            await using (command.ConfigureAwait(false))
            {
                var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return Convert.ToInt64(count, CultureInfo.InvariantCulture);
            }
        }
    }
}
