using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Scheduler.Crm;

/// <summary>Builds placeholder lists and typed parameters, so that values never enter SQL text.</summary>
internal static class SqlParameters
{
    /// <summary>Appends <c>@{prefix}0,@{prefix}1,…</c> and adds one Int64 parameter per id.</summary>
    public static void AppendIdList(StringBuilder sql, MySqlCommand command, string prefix, IReadOnlyList<long> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}");
            sql.Append(i == 0 ? string.Empty : ",").Append(name);
            Add(command, name, MySqlDbType.Int64, ids[i]);
        }
    }

    /// <summary>Adds a parameter of an explicit type, which spares the driver from inferring it.</summary>
    public static void Add(MySqlCommand command, string name, MySqlDbType type, object? value) =>
        command.Parameters.Add(new MySqlParameter(name, type) { Value = value ?? DBNull.Value });
}
