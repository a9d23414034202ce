using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

/// <summary>Builds placeholder lists of typed parameters, so that values never enter SQL text.</summary>
internal static class SqlParameters
{
    /// <summary>
    /// The most values one <c>IN</c> list holds. MariaDB turns an <c>IN</c> list of 1,000 values or more
    /// (<c>in_predicate_conversion_threshold</c>) into a join with a table of values, which it answers by scanning
    /// the whole index instead of looking each value up: a 1,000-user batch then costs the size of the table.
    /// </summary>
    public const int MaxInListValues = 500;

    /// <summary>
    /// Appends <c>(column IN (@{prefix}0,…) OR column IN (…))</c>, lists of at most <see cref="MaxInListValues"/>
    /// values, and adds one Int64 parameter per id.
    /// </summary>
    public static void AppendIn(
        StringBuilder sql,
        DbCommand command,
        CrmDialect dialect,
        string column,
        string prefix,
        IReadOnlyList<long> ids)
    {
        sql.Append('(');

        for (var i = 0; i < ids.Count; i++)
        {
            if (i % MaxInListValues == 0)
            {
                sql.Append(i == 0 ? string.Empty : ") OR ").Append(column).Append(" IN (");
            }
            else
            {
                sql.Append(',');
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}");
            sql.Append(name);
            dialect.AddParameter(command, name, CrmDbType.Int64, ids[i]);
        }

        sql.Append(ids.Count == 0 ? "NULL)" : "))");
    }
}
