using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Micro.Bench;

/// <summary>
/// A connection that is never opened and whose commands execute nothing, so that a benchmark of the CRM upserts
/// times the building of their statements and parameters and no round trip to a database.
/// </summary>
internal sealed class NoOpConnection : DbConnection
{
    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString { get; set; } = string.Empty;

    /// <inheritdoc />
    public override string Database => string.Empty;

    /// <inheritdoc />
    public override string DataSource => string.Empty;

    /// <inheritdoc />
    public override string ServerVersion => string.Empty;

    /// <inheritdoc />
    public override ConnectionState State => ConnectionState.Open;

    /// <inheritdoc />
    public override void ChangeDatabase(string databaseName)
    {
    }

    /// <inheritdoc />
    public override void Close()
    {
    }

    /// <inheritdoc />
    public override void Open()
    {
    }

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("The upsert benchmark runs its statements outside any transaction.");

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => new NoOpCommand(this);
}
