using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Scheduler.Grains.Processors;
using Scheduler.Ring;

namespace Scheduler.Crm;

/// <summary>
/// Refreshes a batch of users, and their transactions, from the legacy database into the target database.
/// </summary>
/// <remarks>
/// <para>
/// A batch costs a bounded number of queries whatever its size: one target query for the batch's
/// <c>sync_state</c>; on the legacy side, in one read-only transaction, the legacy clock, the users, their changed
/// transactions and each user's transaction count; then one target transaction: multi-row upserts of what changed
/// (statements of at most <see cref="CrmSyncOptions.UpsertRowsPerStatement"/> rows, or a bulk-loaded temporary table
/// from <see cref="CrmSyncOptions.BulkWriteMinRows"/> transactions on), a count of the copies of the users that
/// changed, and their <c>sync_state</c>. Only when a count differs are two more queries run for the users it
/// concerns. Id lists are written as ranges of consecutive ids and <c>IN</c> lists (see <see cref="SqlParameters"/>).
/// </para>
/// <para>
/// Watermark rule: a user's watermark is the legacy server's clock read at the start of the last sync that read
/// something for that user. The next sync reads the user row and the transactions whose <c>updated_at</c> is at or
/// after <c>watermark − margin</c>, the margin being <see cref="CrmSyncOptions.WatermarkSafetyMargin"/>. Every row
/// committed before that sync's snapshot was visible to it; a row that commits later with an older
/// <c>updated_at</c> is still read as long as it is less than the margin older than the clock reading, and a row
/// stamped exactly at the watermark is read (the comparison is inclusive). Re-reading is harmless because every
/// write is an idempotent upsert keyed on the legacy primary key, and the watermark never moves back. A user that
/// has never been synced has no watermark and all its rows are read. Because the watermark comes from the clock and
/// not from the rows, a user with no change reads nothing and writes nothing: a cycle costs what changed.
/// </para>
/// <para>
/// Deletions leave no <c>updated_at</c> behind, so each sync counts each user's legacy transactions (from the
/// <c>(user_id, updated_at)</c> index, without reading rows) and compares the count with the one
/// <c>sync_state.transaction_count</c> kept for the copy. The copies of users whose count moved or who gained rows
/// are counted again after the upserts; a user whose copy then holds another number of transactions is copied whole
/// again and its copies the legacy data no longer has are deleted, which also repairs an insert the window missed. A
/// user missing from the legacy users table has its copy deleted and fails permanently.
/// </para>
/// <para>
/// The transactions query reads the never-synced users in full and the synced ones in groups whose starts lie
/// within an hour of each other (<c>(updated_at &gt;= ? AND user_id IN (…)) OR …</c>), as one <c>UNION ALL</c>:
/// every user is one range of the <c>(user_id, updated_at)</c> index, rows older than a user's own start are dropped
/// after reading, and the statement carries about one parameter per user. A temporary table of watermarks joined to
/// <c>transactions</c> would be exact, but needs CREATE TEMPORARY TABLES on the legacy database, which a read-only
/// account lacks.
/// </para>
/// <para>
/// Ids that are not positive integers fail at once; the other ids of the batch are refreshed. A legacy or target
/// error fails every valid id of the batch and writes nothing. The processor never writes to the legacy database.
/// </para>
/// <para>
/// <see cref="CrmSyncOptions.Provider"/> chooses the database: MySQL or MariaDB, the product path, or SQLite files
/// for the embedded demo. The few differences (upsert syntax, the clock, DDL, the snapshot transaction, the bulk
/// write MySQL alone has) live in a <see cref="CrmDialect"/>; the queries and the watermark rule are the same on
/// both.
/// </para>
/// </remarks>
public sealed partial class CrmSyncProcessor : IRecordProcessor, IDisposable
{
    /// <summary>The name <c>crm-sync</c> is registered under.</summary>
    public const string ProcessorName = "crm-sync";

    private const int MaxIdEcho = 40;

    private readonly CrmSyncOptions _options;
    private readonly ILogger<CrmSyncProcessor> _logger;
    private readonly TimeProvider _time;
    private readonly CrmDialect _dialect;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Creates the processor.</summary>
    /// <param name="options">The connection strings, timeouts and watermark margin.</param>
    /// <param name="logger">Where batch outcomes are logged (never connection strings).</param>
    /// <param name="time">The clock <c>sync_state.synced_at</c> is taken from.</param>
    public CrmSyncProcessor(IOptions<CrmSyncOptions> options, ILogger<CrmSyncProcessor> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);

        _options = options.Value;
        _logger = logger;
        _time = time;
        _dialect = CrmDialect.Create(_options);
    }

    /// <inheritdoc />
    public string Name => ProcessorName;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordFailure>> ProcessAsync(
        string schedule,
        IReadOnlyList<string> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(ids);

        var failures = new List<RecordFailure>();
        var userIds = ParseIds(ids, failures);

        if (userIds.Count == 0)
        {
            return failures;
        }

        try
        {
            await SyncAsync(schedule, userIds, failures, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsDatabaseFailure(ex))
        {
            Log.BatchFailed(_logger, ex, schedule, userIds.Count);

            var error = $"The crm-sync batch failed and wrote nothing; it is retried. {Describe(ex)}";
            failures.AddRange(userIds.Select(id => new RecordFailure(Format(id), error)));
        }

        return failures;
    }

    /// <inheritdoc />
    public void Dispose() => _schemaLock.Dispose();

    private async Task SyncAsync(
        string schedule,
        List<long> userIds,
        List<RecordFailure> failures,
        CancellationToken cancellationToken)
    {
        await EnsureTargetSchemaAsync(cancellationToken).ConfigureAwait(false);

        var states = await ReadSyncStateAsync(userIds, cancellationToken).ConfigureAwait(false);
        var legacy = await ReadLegacyAsync(userIds, states, cancellationToken).ConfigureAwait(false);
        List<long> missing = [.. userIds.Where(id => !legacy.Users.ContainsKey(id))];

        foreach (var id in missing)
        {
            failures.Add(new RecordFailure(Format(id),
                $"User {Format(id)} does not exist in the legacy users table, so its copy was removed from the "
                + "target; remove it from the schedule if it was deleted.", Permanent: true));
        }

        var written = await WriteTargetAsync(missing, legacy, states, cancellationToken).ConfigureAwait(false);

        Log.BatchSynced(_logger, schedule, written.Users, written.Transactions, written.Deleted, missing.Count);
    }

    private static List<long> ParseIds(IReadOnlyList<string> ids, List<RecordFailure> failures)
    {
        var result = new List<long>(ids.Count);

        foreach (var id in ids)
        {
            // Only the canonical form is accepted, so that "007" and "7" cannot be two records of one user.
            if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value > 0
                && string.Equals(Format(value), id, StringComparison.Ordinal))
            {
                result.Add(value);
                continue;
            }

            var shown = id.Length > MaxIdEcho ? string.Concat(id.AsSpan(0, MaxIdEcho), "…") : id;
            failures.Add(new RecordFailure(id,
                $"The id \"{shown}\" is not a user id: crm-sync ids are positive integers without sign, spaces or "
                + "leading zeros. It can never succeed; remove it from the schedule.", Permanent: true));
        }

        return result;
    }

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or MySqlConversionException or IOException or TimeoutException
            or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException;

    private string Describe(Exception ex) => _dialect.Describe(ex) ?? $"{ex.GetType().Name}: {ex.Message}";

    private static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);
}
