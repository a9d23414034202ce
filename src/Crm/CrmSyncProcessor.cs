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
/// <c>sync_state</c> rows, with the copies' user <c>updated_at</c> and the ids and <c>updated_at</c> of the
/// transactions the legacy read will return again; on the legacy side, in one read-only transaction, one query for
/// the users by <c>IN</c> and one for their transactions; then one target transaction: multi-row upserts of what
/// changed (statements of at most <see cref="CrmSyncOptions.UpsertRowsPerStatement"/> rows, or a bulk-loaded
/// temporary table from <see cref="CrmSyncOptions.BulkWriteMinRows"/> transactions on) and one update of
/// <c>synced_at</c> for the users whose watermark did not move.
/// </para>
/// <para>
/// Watermark rule: a user's watermark is the largest legacy <c>updated_at</c> among the transactions read for
/// that user so far. The next sync reads the transactions with <c>updated_at &gt;= watermark − margin</c>, where
/// the margin is <see cref="CrmSyncOptions.WatermarkSafetyMargin"/>. Rows whose <c>updated_at</c> equals the
/// watermark are read again (the comparison is inclusive), and so is a row that committed after the last sync
/// with an older <c>updated_at</c>, as long as it is less than the margin older than the watermark. Re-reading is
/// harmless because every write is an idempotent upsert keyed on the legacy primary key, and the watermark
/// never moves back. A user that has never been synced has no watermark and all its transactions are read.
/// </para>
/// <para>
/// The transactions query reads the never-synced users in full (<c>user_id IN (…)</c>) and the synced ones in
/// groups whose starts (<c>watermark − margin</c>) lie within an hour of each other
/// (<c>(updated_at &gt;= ? AND user_id IN (…)) OR …</c>), as one <c>UNION ALL</c>: every user is one range of the
/// <c>(user_id, updated_at)</c> index, rows older than a user's own start are dropped after reading, and the
/// statement carries about one parameter per user. A temporary table of watermarks joined to
/// <c>transactions</c> would be exact, but needs CREATE TEMPORARY TABLES on the legacy database, which a
/// read-only account lacks; one start for the whole batch would re-read everything newer than its most dormant
/// user's watermark.
/// </para>
/// <para>
/// Only what changed is written: a user row whose <c>updated_at</c> equals its copy's is skipped, and so is a
/// transaction re-read inside the margin whose id and <c>updated_at</c> equal its copy's; unchanged users only get
/// <c>sync_state.synced_at</c> moved. This relies on legacy writers setting <c>updated_at</c> on every change,
/// which the watermark needs anyway.
/// </para>
/// <para>
/// Ids that are not positive integers fail at once, and users missing from the legacy data fail with an error
/// saying so; the other ids of the batch are refreshed. A legacy or target error fails every valid id of the batch
/// and writes nothing. The processor never writes to the legacy database.
/// </para>
/// <para>
/// <see cref="CrmSyncOptions.Provider"/> chooses the database: MySQL or MariaDB, the product path, or SQLite files
/// for the embedded demo. The few differences (upsert syntax, margin arithmetic, DDL, the snapshot transaction,
/// the bulk write MySQL alone has) live in a <see cref="CrmDialect"/>; the queries and the watermark rule are the
/// same on both.
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

        var target = await ReadTargetStateAsync(userIds, cancellationToken).ConfigureAwait(false);
        var (users, transactions) = await ReadLegacyAsync(userIds, target.Users, cancellationToken)
            .ConfigureAwait(false);

        foreach (var id in userIds.Where(id => !users.ContainsKey(id)))
        {
            failures.Add(new RecordFailure(Format(id),
                $"User {Format(id)} does not exist in the legacy users table; it cannot be synced until it does. "
                + "Remove it from the schedule if it was deleted.", Permanent: true));
        }

        var (usersWritten, transactionsWritten) = await WriteTargetAsync(
            [.. users.Values], transactions, target, cancellationToken).ConfigureAwait(false);

        Log.BatchSynced(_logger, schedule, usersWritten, transactionsWritten, userIds.Count - users.Count);
    }

    private static Dictionary<long, DateTime?> NewWatermarks(
        List<LegacyUser> users,
        Dictionary<long, TargetUserState> states,
        List<LegacyTransaction> transactions)
    {
        var result = users.ToDictionary(u => u.Id, u => states.GetValueOrDefault(u.Id)?.Watermark);

        foreach (var transaction in transactions)
        {
            if (transaction.UpdatedAt is { } updated
                && (result[transaction.UserId] is not { } current || updated > current))
            {
                result[transaction.UserId] = updated;
            }
        }

        return result;
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
