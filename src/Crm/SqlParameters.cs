using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Crm;

/// <summary>Builds placeholder lists of typed parameters, so that values never enter SQL text.</summary>
internal static class SqlParameters
{
    /// <summary>Appends <c>@{prefix}0,@{prefix}1,…</c> and adds one Int64 parameter per id.</summary>
    public static void AppendIdList(
        StringBuilder sql,
        DbCommand command,
        CrmDialect dialect,
        string prefix,
        IReadOnlyList<long> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}");
            sql.Append(i == 0 ? string.Empty : ",").Append(name);
            dialect.AddParameter(command, name, CrmDbType.Int64, ids[i]);
        }
    }
}
