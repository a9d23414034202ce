namespace Scheduler.Crm;

/// <summary>
/// The column types the processor binds, mapped by each <see cref="CrmDialect"/> to its driver's own.
/// </summary>
internal enum CrmDbType
{
    /// <summary>A 64-bit integer: ids.</summary>
    Int64,

    /// <summary>A string: emails, names, currencies, statuses.</summary>
    Text,

    /// <summary>A timestamp with microseconds.</summary>
    DateTime,

    /// <summary>An exact decimal: amounts.</summary>
    Decimal,
}
