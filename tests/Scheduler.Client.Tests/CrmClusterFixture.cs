using Microsoft.Extensions.Configuration;
using MySqlConnector;
using Orleans.TestingHost;
using Scheduler.Abstractions;
using Scheduler.Testing;

namespace Scheduler.Client.Tests;

/// <summary>
/// A real MariaDB server and a two-silo cluster on a real redis-server whose silos run <c>crm-sync</c> from the
/// fixture's legacy database into its target database. Schedules: <see cref="CrmSchedule"/> (crm-sync) and
/// <see cref="EnrolSchedules"/> (noop, one per test of <c>add --from-legacy</c>, so counts never leak).
/// </summary>
public class CrmClusterFixture : IAsyncLifetime
{
    public const string CrmSchedule = "crm";

    public static readonly string[] EnrolSchedules = ["legacy-enrol", "legacy-again", "legacy-empty"];

    private readonly MariaDbFixture _mariaDb = new();
    private readonly RedisServerFixture _redis = new();
    private readonly string _databases;
    private TestCluster? _cluster;

    public CrmClusterFixture()
        : this("client_crm")
    {
    }

    /// <summary>A fixture whose legacy and target databases are named from <paramref name="databases"/>.</summary>
    protected CrmClusterFixture(string databases) => _databases = databases;

    public string Prefix { get; } = $"client-crm-{Guid.NewGuid():N}";

    public MariaDbFixture MariaDb => _mariaDb;

    /// <summary>The legacy database the silos read; empty until a test seeds it.</summary>
    public string Legacy { get; private set; } = string.Empty;

    /// <summary>The target database the silos write, with no tables until the first batch.</summary>
    public string Target { get; private set; } = string.Empty;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async Task InitializeAsync()
    {
        await _mariaDb.InitializeAsync();
        await _redis.InitializeAsync();
        Legacy = await _mariaDb.CreateDatabaseAsync($"{_databases}_legacy");
        Target = await _mariaDb.CreateDatabaseAsync($"{_databases}_target");

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["ConnectionStrings:Legacy"] = Legacy,
            ["ConnectionStrings:Target"] = Target,
            ["CrmSync:CommandTimeout"] = "00:00:30",
            ["Scheduler:KeyPrefix"] = Prefix,
        };
        foreach (var schedule in EnrolSchedules.Append(CrmSchedule))
        {
            settings[$"Scheduler:Schedules:{schedule}:Period"] = "1.00:00:00";
            settings[$"Scheduler:Schedules:{schedule}:TickInterval"] = "00:00:00.200";
            settings[$"Scheduler:Schedules:{schedule}:BatchSize"] = "100";
            settings[$"Scheduler:Schedules:{schedule}:Processor"] = schedule == CrmSchedule ? "crm-sync" : "noop";
        }

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<CrmSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await _redis.DisposeAsync();
        await _mariaDb.DisposeAsync();
    }

    /// <summary>Runs the console with <paramref name="args"/> against the cluster.</summary>
    public async Task<ClientRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader("");

        var code = await ClientApp.RunAsync(args, stdout, stderr, input, Cluster.Client);
        return new ClientRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The enrolled count of <paramref name="schedule"/>, straight from the ring.</summary>
    public async Task<long> EnrolledAsync(string schedule) =>
        (await Cluster.Client.GetGrain<IRecordsGrain>(schedule).VerifyAsync()).Enrolled;

    /// <summary>The first column of the first row of <paramref name="sql"/>, as a long.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of <paramref name="sql"/> as text, columns joined by '|', times to the microsecond.</summary>
    public static async Task<IReadOnlyList<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();

        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('|', values.Select(v => v is DateTime d
                ? d.ToString("O", System.Globalization.CultureInfo.InvariantCulture)
                : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
