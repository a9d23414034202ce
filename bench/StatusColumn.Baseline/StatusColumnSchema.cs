using MySqlConnector;

namespace StatusColumn.Baseline;

/// <summary>Adds the status column the baseline needs to the legacy <c>users</c> table.</summary>
/// <remarks>
/// This is a schema change to the legacy database, which the product never makes: a team that picks this design
/// has to be allowed to alter the fragile system's largest table before anything runs.
/// </remarks>
public static class StatusColumnSchema
{
    // The index leads with the status and carries the id, so a claim reads the next pending ids in order straight
    // from the index instead of scanning the table.
    private const string Ddl = """
        ALTER TABLE users
            ADD COLUMN IF NOT EXISTS sync_status ENUM('pending','updating','updated') NOT NULL DEFAULT 'pending',
            ADD INDEX IF NOT EXISTS ix_users_sync_status (sync_status, id)
        """;

    /// <summary>Adds <c>sync_status</c> (every row pending) and its index, unless they are there already.</summary>
    /// <param name="legacyConnectionString">The legacy database, with an account allowed to ALTER it.</param>
    /// <param name="cancellationToken">Stops the change.</param>
    /// <returns>A task that completes once the column and the index exist.</returns>
    public static async Task AddAsync(string legacyConnectionString, CancellationToken cancellationToken = default)
    {
        var connection = new MySqlConnection(legacyConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = new MySqlCommand(Ddl, connection) { CommandTimeout = 0 };

            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
