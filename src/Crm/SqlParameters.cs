using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

/// <summary>Builds predicates over typed parameters, so that values never enter SQL text.</summary>
internal static class SqlParameters
{
    /// <summary>
    /// The most values one <c>IN</c> list holds. MariaDB turns an <c>IN</c> list of 1,000 values or more
    /// (<c>in_predicate_conversion_threshold</c>) into a join with a table of values, which it answers by scanning
    /// the whole index instead of looking each value up: a 1,000-user batch then costs the size of the table.
    /// </summary>
    public const int MaxInListValues = 500;

    /// <summary>
    /// The shortest run of consecutive ids written as one <c>BETWEEN</c>. Ids enrolled in order come back from the
    /// ring in runs, and one range scan over a run costs a fifth of one index lookup per id (measured on MariaDB
    /// 10.11 with 1,000-id batches).
    /// </summary>
    public const int MinRangeLength = 8;

    /// <summary>
    /// Appends a predicate true exactly for the distinct <paramref name="ids"/>:
    /// <c>(column BETWEEN @a AND @b OR … OR column IN (…) OR …)</c>, each run of at least
    /// <see cref="MinRangeLength"/> consecutive ids as a range and the rest in lists of at most
    /// <see cref="MaxInListValues"/> values, one Int64 parameter per bound or value.
    /// </summary>
    public static void AppendIn(
        StringBuilder sql,
        DbCommand command,
        CrmDialect dialect,
        string column,
        string prefix,
        IReadOnlyList<long> ids)
    {
        var sorted = ids.Distinct().Order().ToArray();
        var singles = new List<long>();
        var terms = 0;
        var parameters = 0;

        sql.Append('(');

        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            if (end - start + 1 >= MinRangeLength)
            {
                sql.Append(terms++ == 0 ? string.Empty : " OR ").Append(column).Append(" BETWEEN ")
                    .Append(Add(command, dialect, prefix, parameters++, sorted[start])).Append(" AND ")
                    .Append(Add(command, dialect, prefix, parameters++, sorted[end]));
            }
            else
            {
                singles.AddRange(sorted.AsSpan(start, end - start + 1));
            }

            start = end + 1;
        }

        foreach (var list in singles.Chunk(MaxInListValues))
        {
            sql.Append(terms++ == 0 ? string.Empty : " OR ").Append(column).Append(" IN (");

            for (var i = 0; i < list.Length; i++)
            {
                sql.Append(i == 0 ? string.Empty : ",").Append(Add(command, dialect, prefix, parameters++, list[i]));
            }

            sql.Append(')');
        }

        sql.Append(terms == 0 ? "NULL)" : ")");
    }

    private static string Add(DbCommand command, CrmDialect dialect, string prefix, int index, long value)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{index}");
        dialect.AddParameter(command, name, CrmDbType.Int64, value);
        return name;
    }
}
