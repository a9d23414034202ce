using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.Data.Sqlite;

namespace Scheduler.Crm.Tests;

public sealed partial class SqlParametersTests
{
    private const int TableSize = 3000;

    [Fact]
    public void AppendIn_AnyIds_SelectsExactlyThemWithShortLists()
    {
        var dialect = CrmDialect.Create(new CrmSyncOptions
        {
            Provider = CrmSyncOptions.SqliteProvider,
            LegacyConnectionString = "Data Source=:memory:",
            TargetConnectionString = "Data Source=:memory:",
        });
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY); WITH RECURSIVE n(i) AS "
                + $"(SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {TableSize - 1}) INSERT INTO t SELECT i FROM n";
            create.ExecuteNonQuery();
        }

        // Runs of consecutive ids, scattered ids and repeats, as batches from the ring can hold.
        var runs = Gen.Select(Gen.Int[0, TableSize - 1], Gen.Int[1, 40])
            .Select((start, length) =>
                Enumerable.Range(start, Math.Min(length, TableSize - start)).Select(i => (long)i));
        var ids = runs.Array[0, 60].Select(r => r.SelectMany(x => x).ToList());

        ids.Sample(batch =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT id FROM t WHERE ");
            SqlParameters.AppendIn(sql, command, dialect, "id", "p", batch);
            command.CommandText = sql.Append(" ORDER BY id").ToString();

            var selected = new List<long>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    selected.Add(reader.GetInt64(0));
                }
            }

            Assert.Equal(batch.Distinct().Order(), selected);
            Assert.All(InLists().Matches(command.CommandText),
                m => Assert.True(m.Groups[1].Value.Split(',').Length <= SqlParameters.MaxInListValues));
        }, iter: 300);
    }

    [Fact]
    public void AppendIn_ThousandConsecutiveIds_IsOneRange()
    {
        var dialect = CrmDialect.Create(new CrmSyncOptions { Provider = CrmSyncOptions.SqliteProvider });
        using var command = new SqliteCommand();
        var sql = new StringBuilder();

        SqlParameters.AppendIn(sql, command, dialect, "user_id", "u",
            [.. Enumerable.Range(1001, 1000).Select(i => (long)i).Reverse()]);

        Assert.Equal("(user_id BETWEEN @u0 AND @u1)", sql.ToString());
        Assert.Equal([1001L, 2000L], command.Parameters.Cast<SqliteParameter>().Select(p => (long)p.Value!));
    }

    [GeneratedRegex(@"IN \(([^)]*)\)")]
    private static partial Regex InLists();
}
