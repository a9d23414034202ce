using System.Runtime.CompilerServices;
using MySqlConnector;

namespace Scheduler.Crm;

/// <summary>Reads the user ids of the legacy database, for enrolling them all (<c>add --from-legacy</c>).</summary>
public static class LegacyUsers
{
    private const string NextChunkQuery = "SELECT id FROM users WHERE id > @after ORDER BY id LIMIT @limit";

    /// <summary>
    /// Yields every legacy user id in ascending order, in chunks of at most <paramref name="chunkSize"/>; each
    /// chunk is one keyset query, so no long-running cursor holds the legacy database.
    /// </summary>
    /// <param name="connectionString">The legacy database, with a database selected; SELECT is enough.</param>
    /// <param name="chunkSize">The most ids per chunk.</param>
    /// <param name="cancellationToken">Stops the reading between chunks.</param>
    /// <returns>The chunks of ids; none when the table is empty.</returns>
    public static async IAsyncEnumerable<IReadOnlyList<long>> StreamIdsAsync(
        string connectionString,
        int chunkSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);

        var after = 0L;

        while (true)
        {
            var chunk = await ReadChunkAsync(connectionString, after, chunkSize, cancellationToken)
                .ConfigureAwait(false);

            if (chunk.Count == 0)
            {
                yield break;
            }

            yield return chunk;

            if (chunk.Count < chunkSize)
            {
                yield break;
            }

            after = chunk[^1];
        }
    }

    private static async Task<List<long>> ReadChunkAsync(
        string connectionString,
        long after,
        int chunkSize,
        CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            var command = new MySqlCommand(NextChunkQuery, connection);

            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new MySqlParameter("@after", MySqlDbType.Int64) { Value = after });
                command.Parameters.Add(new MySqlParameter("@limit", MySqlDbType.Int32) { Value = chunkSize });

                var ids = new List<long>(chunkSize);
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
}
