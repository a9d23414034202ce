using System.Globalization;
using StackExchange.Redis;
using Xunit;

namespace Scheduler.Testing;

/// <summary>
/// A real <c>redis-server</c> for a test collection, with an append-only file so that a test can kill the
/// server and start it again over the same data.
/// </summary>
/// <remarks>
/// <para>
/// When the environment variable <c>SCHEDULER_TEST_REDIS</c> is set (a <c>host:port</c> or a StackExchange.Redis
/// configuration string), that server is used and nothing is started; <see cref="KillAsync"/> and
/// <see cref="RestartAsync"/> then throw. Otherwise the fixture starts <c>redis-server</c> on a free loopback
/// port in a fresh temporary folder, and a missing <c>redis-server</c> fails the tests rather than skipping them.
/// </para>
/// <para>
/// xunit only finds collection definitions in the test assembly, so each test project declares its own:
/// <code>
/// [CollectionDefinition("redis")]
/// public sealed class RedisCollection : ICollectionFixture&lt;RedisServerFixture&gt;;
/// </code>
/// and its test classes take the fixture in their constructor under <c>[Collection("redis")]</c>.
/// </para>
/// </remarks>
public sealed class RedisServerFixture : IRedisEndpoint, IAsyncLifetime
{
    /// <summary>The environment variable naming an external Redis server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "SCHEDULER_TEST_REDIS";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AofRewriteTimeout = TimeSpan.FromSeconds(30);

    private string? _executable;
    private string? _directory;
    private int _port;
    private ServerProcess? _server;
    private ConnectionMultiplexer? _connection;

    /// <inheritdoc />
    public string Name => "redis";

    /// <inheritdoc />
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public IConnectionMultiplexer Connection =>
        _connection ?? throw new InvalidOperationException("The Redis fixture has not been initialized.");

    /// <summary>Gets a value indicating whether the server comes from <c>SCHEDULER_TEST_REDIS</c>.</summary>
    public bool IsExternal => _executable is null;

    /// <summary>Starts the server, or checks the external one, and connects <see cref="Connection"/>.</summary>
    /// <returns>A task that completes once the server answers PING.</returns>
    public async Task InitializeAsync()
    {
        try
        {
            await InitializeServerAsync().ConfigureAwait(false);
        }
        catch
        {
            // A failed start must not leave a server running, whether or not the runner disposes the fixture.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Kills the server with SIGKILL, as a crash would; data not yet written to the append-only file is lost.
    /// </summary>
    /// <returns>A task that completes once the process has exited.</returns>
    /// <exception cref="InvalidOperationException">The server is external: the fixture cannot kill it.</exception>
    public async Task KillAsync()
    {
        ThrowIfExternal("killed");

        var server = _server ?? throw new InvalidOperationException("The Redis server is not running.");
        _server = null;

        await server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the server again on the same port and folder, so that it replays its append-only file, and waits
    /// until both a fresh connection and the shared <see cref="Connection"/> answer PING.
    /// </summary>
    /// <returns>A task that completes once the server is back.</returns>
    /// <exception cref="InvalidOperationException">The server is external: the fixture cannot start it.</exception>
    public async Task RestartAsync()
    {
        ThrowIfExternal("restarted");

        if (_server is not null)
        {
            await KillAsync().ConfigureAwait(false);
        }

        await StartServerAsync().ConfigureAwait(false);

        await WaitForSharedConnectionAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Rewrites the append-only file and waits until the rewrite has finished, so that every write acknowledged
    /// before the call is in a file that was fsynced, whatever <c>appendfsync</c> says.
    /// </summary>
    /// <returns>A task that completes once the rewrite has succeeded.</returns>
    /// <exception cref="InvalidOperationException">The rewrite failed.</exception>
    public async Task RewriteAofAsync()
    {
        var server = Connection.GetServer(Connection.GetEndPoints()[0]);

        // A rewrite that is already running may have started before the caller's writes, so wait it out first.
        await Poll.UntilAsync(
            async () => !await IsAofRewriteActiveAsync(server).ConfigureAwait(false),
            AofRewriteTimeout,
            "a running AOF rewrite to finish").ConfigureAwait(false);

        var rewritesBefore = await ReadPersistenceFieldAsync(server, "aof_rewrites").ConfigureAwait(false);
        await server.ExecuteAsync("BGREWRITEAOF").ConfigureAwait(false);

        await Poll.UntilAsync(
            async () => await ReadPersistenceFieldAsync(server, "aof_rewrites").ConfigureAwait(false)
                    != rewritesBefore
                && !await IsAofRewriteActiveAsync(server).ConfigureAwait(false),
            AofRewriteTimeout,
            "BGREWRITEAOF to finish").ConfigureAwait(false);

        var status = await ReadPersistenceFieldAsync(server, "aof_last_bgrewrite_status").ConfigureAwait(false);

        if (status != "ok")
        {
            throw new InvalidOperationException($"BGREWRITEAOF finished with status '{status}'.");
        }
    }

    /// <summary>Deletes every key on the server, for tests that need an empty database.</summary>
    /// <returns>A task that completes once the server has flushed.</returns>
    public async Task FlushAsync()
    {
        var server = Connection.GetServer(Connection.GetEndPoints()[0]);

        await server.FlushAllDatabasesAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the connection, kills the server the fixture started and deletes its folder.</summary>
    /// <returns>A task that completes once everything is released.</returns>
    public async Task DisposeAsync()
    {
        // Fields are cleared as they are released, because the runner may dispose a fixture twice.
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task InitializeServerAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);

        if (!string.IsNullOrWhiteSpace(external))
        {
            var options = ConfigurationOptions.Parse(external);
            options.AllowAdmin = true;
            options.AbortOnConnectFail = false;
            ConnectionString = options.ToString();
        }
        else
        {
            _executable = ServerProcess.FindExecutable("redis-server") ?? throw new InvalidOperationException(
                "redis-server is not installed; run ./test.sh, which installs it.");
            _directory = Directory.CreateTempSubdirectory("scheduler-redis-").FullName;
            _port = LoopbackPort.PickFree();
            ConnectionString = $"127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}" +
                ",allowAdmin=true,abortConnect=false";

            await StartServerAsync().ConfigureAwait(false);
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString).ConfigureAwait(false);

        await WaitForSharedConnectionAsync().ConfigureAwait(false);
    }

    private static async Task<bool> IsAofRewriteActiveAsync(IServer server) =>
        await ReadPersistenceFieldAsync(server, "aof_rewrite_in_progress").ConfigureAwait(false) != "0"
        || await ReadPersistenceFieldAsync(server, "aof_rewrite_scheduled").ConfigureAwait(false) != "0";

    private static async Task<string> ReadPersistenceFieldAsync(IServer server, string field)
    {
        var sections = await server.InfoAsync("persistence").ConfigureAwait(false);

        return sections.SelectMany(section => section)
            .Where(pair => pair.Key == field)
            .Select(pair => pair.Value)
            .FirstOrDefault() ?? throw new InvalidOperationException($"INFO persistence has no field '{field}'.");
    }

    private void ThrowIfExternal(string action)
    {
        if (IsExternal)
        {
            throw new InvalidOperationException(
                $"The Redis server comes from {ExternalServerVariable}; only a server the fixture started can be " +
                $"{action}.");
        }
    }

    private async Task StartServerAsync()
    {
        var port = _port.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "--port", port,
            "--bind", "127.0.0.1",
            "--dir", _directory!,
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", string.Empty,
            "--daemonize", "no",
        ];
        var server = ServerProcess.Start(_executable!, arguments);
        Exception? timeout = null;

        try
        {
            await Poll.UntilAsync(
                async () => server.HasExited || await AnswersPingAsync().ConfigureAwait(false),
                StartTimeout,
                $"redis-server to answer PING on port {port}").ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            timeout = ex;
        }

        if (timeout is not null || server.HasExited)
        {
            await server.DisposeAsync().ConfigureAwait(false);

            throw new InvalidOperationException(
                $"redis-server did not start on port {port}. Its output ends with:" +
                $"{Environment.NewLine}{server.OutputTail}",
                timeout);
        }

        _server = server;
    }

    private async Task<bool> AnswersPingAsync()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 0;
        options.ConnectTimeout = 1000;

        await using var probe = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        await probe.GetDatabase().PingAsync().ConfigureAwait(false);

        return true;
    }

    private Task WaitForSharedConnectionAsync() =>
        Poll.UntilAsync(
            async () =>
            {
                await Connection.GetDatabase().PingAsync().ConfigureAwait(false);
                return true;
            },
            StartTimeout,
            $"the shared connection to {ConnectionString} to answer PING");
}
