using System.Data.Common;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scheduler.Crm;

namespace Scheduler.Micro.Bench;

/// <summary>
/// The CRM sync's multi-row upserts for one batch: the <c>INSERT … VALUES (…),(…) ON DUPLICATE KEY UPDATE</c>
/// text and its typed MySQL parameters, in statements of <see cref="CrmSyncOptions.UpsertRowsPerStatement"/> rows,
/// against a connection that executes nothing.
/// </summary>
/// <remarks>
/// The statement building lives in the processor's private <c>UpsertAsync</c>, and it is called here through a
/// delegate bound by reflection rather than copied, so that the figures stay those of the product's code. With the
/// MySQL defaults a batch with <see cref="CrmSyncOptions.BulkWriteMinRows"/> or more changed transactions loads them
/// through a temporary table instead; the multi-row path is what smaller batches, SQLite, and
/// <c>BulkWriteMinRows = 0</c> write with.
/// </remarks>
[MemoryDiagnoser]
public class UpsertStatementBenchmarks : IDisposable
{
    private const int Users = 500;
    private const int TransactionsPerUser = 5;
    private const int UserColumns = 4;
    private const int TransactionColumns = 7;

    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly NoOpConnection _connection = new();
    private CrmSyncProcessor _processor = null!;
    private Upsert<LegacyUser> _upsertUsers = null!;
    private Upsert<LegacyTransaction> _upsertTransactions = null!;
    private Action<DbCommand, string[], LegacyUser> _bindUser = null!;
    private Action<DbCommand, string[], LegacyTransaction> _bindTransaction = null!;
    private string _usersInsert = string.Empty;
    private string _transactionsInsert = string.Empty;
    private string _usersUpdate = string.Empty;
    private string _transactionsUpdate = string.Empty;
    private List<LegacyUser> _users = [];
    private List<LegacyTransaction> _transactions = [];

    private delegate Task Upsert<T>(
        DbConnection connection,
        DbTransaction? transaction,
        string insert,
        string update,
        IReadOnlyList<T> rows,
        int columns,
        Action<DbCommand, string[], T> bind,
        CancellationToken cancellationToken);

    /// <summary>Builds the processor with the MySQL defaults, binds its upsert and makes one batch of rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        // The connection strings are parsed, never opened: the commands come from the no-op connection.
        var options = new CrmSyncOptions
        {
            LegacyConnectionString = "Server=localhost;Database=legacy",
            TargetConnectionString = "Server=localhost;Database=target",
        };
        _processor = new CrmSyncProcessor(Options.Create(options), NullLogger<CrmSyncProcessor>.Instance,
            TimeProvider.System);

        _upsertUsers = Bind<Upsert<LegacyUser>>(Generic("UpsertAsync", typeof(LegacyUser)));
        _upsertTransactions = Bind<Upsert<LegacyTransaction>>(Generic("UpsertAsync", typeof(LegacyTransaction)));
        _bindUser = Bind<Action<DbCommand, string[], LegacyUser>>(Private("BindUser"));
        _bindTransaction = Bind<Action<DbCommand, string[], LegacyTransaction>>(Private("BindTransaction"));
        _usersInsert = Constant("UsersUpsert");
        _transactionsInsert = Constant("TransactionsUpsert");

        var dialect = CrmDialect.Create(options);
        _usersUpdate = dialect.UsersUpdate;
        _transactionsUpdate = dialect.TransactionsUpdate;

        _users = [.. Enumerable.Range(1, Users).Select(MakeUser)];
        _transactions = [.. _users.SelectMany(u => Enumerable.Range(0, TransactionsPerUser)
            .Select(t => MakeTransaction(u.Id, t)))];
    }

    /// <summary>The users of a 500-user batch: one statement of 500 rows, 2,000 parameters.</summary>
    [Benchmark]
    public Task UpsertUsers() =>
        _upsertUsers(_connection, null, _usersInsert, _usersUpdate, _users, UserColumns, _bindUser,
            CancellationToken.None);

    /// <summary>Their 2,500 transactions: five statements of 500 rows, 3,500 parameters each.</summary>
    [Benchmark]
    public Task UpsertTransactions() =>
        _upsertTransactions(_connection, null, _transactionsInsert, _transactionsUpdate, _transactions,
            TransactionColumns, _bindTransaction, CancellationToken.None);

    /// <inheritdoc />
    public void Dispose()
    {
        _processor?.Dispose();
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }

    private static LegacyUser MakeUser(int id) => new(id,
        "user" + id.ToString(CultureInfo.InvariantCulture) + "@example.com",
        "User " + id.ToString(CultureInfo.InvariantCulture), Start.AddMinutes(id));

    private static LegacyTransaction MakeTransaction(long userId, int index) => new((userId * 10) + index, userId,
        12.34m + index, "EUR", "settled", Start.AddMinutes(userId), Start.AddMinutes(userId + index));

    // A rename in the processor must fail here with its name, not as a null reference inside the timing.
    private static MethodInfo Private(string name) =>
        typeof(CrmSyncProcessor).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"CrmSyncProcessor has no private instance method {name}.");

    private static MethodInfo Generic(string name, Type row) => Private(name).MakeGenericMethod(row);

    private static string Constant(string name) =>
        typeof(CrmSyncProcessor).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue()
            as string
        ?? throw new InvalidOperationException($"CrmSyncProcessor has no private constant {name}.");

    private T Bind<T>(MethodInfo method)
        where T : Delegate => method.CreateDelegate<T>(_processor);
}
