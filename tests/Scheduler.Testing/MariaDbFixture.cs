using System.Globalization;
using MySqlConnector;
using Xunit;

namespace Scheduler.Testing;

/// <summary>
/// A real MariaDB server for a test collection, in a fresh data folder, that a test can stop and start again
/// to simulate an outage.
/// </summary>
/// <remarks>
/// <para>
/// When the environment variable <c>SCHEDULER_TEST_MYSQL</c> is set to a MySqlConnector connection string, that
/// server is used and nothing is started; <see cref="StopAsync"/> and <see cref="StartAsync"/> then throw.
/// Otherwise the fixture runs <c>mariadb-install-db</c> and <c>mariadbd</c> on a free loopback port (as the
/// <c>mysql</c> user when the tests run as root), and a missing <c>mariadbd</c> fails the tests rather than
/// skipping them.
/// </para>
/// <para>
/// xunit only finds collection definitions in the test assembly, so each test project declares its own:
/// <code>
/// [CollectionDefinition("mariadb")]
/// public sealed class MariaDbCollection : ICollectionFixture&lt;MariaDbFixture&gt;;
/// </code>
/// and its test classes take the fixture in their constructor under <c>[Collection("mariadb")]</c>.
/// </para>
/// </remarks>
public sealed class MariaDbFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming an external server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "SCHEDULER_TEST_MYSQL";

    private const string ServiceUser = "mysql";
    private const string NotInstalled = "is not installed; run ./test.sh, which installs it.";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private string? _serverExecutable;
    private string? _directory;
    private int _port;
    private ServerProcess? _server;

    /// <summary>
    /// Gets a connection string for an administrative user, with no database selected, that allows
    /// <c>LOAD DATA LOCAL INFILE</c> and user variables.
    /// </summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>
    /// Gets the extra <c>mariadbd</c> options the server is started with, for example a buffer pool sized for a
    /// benchmark's data; none by default, so tests run on the server's defaults. Ignored for an external server.
    /// </summary>
    public IReadOnlyList<string> ServerOptions { get; init; } = [];

    /// <summary>Gets a value indicating whether the server comes from <c>SCHEDULER_TEST_MYSQL</c>.</summary>
    public bool IsExternal => _serverExecutable is null;

    /// <summary>Starts the server, or checks the external one.</summary>
    /// <returns>A task that completes once the server accepts connections.</returns>
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

    /// <summary>Creates an empty database, dropping any earlier one of that name.</summary>
    /// <param name="name">The database name: letters, digits and underscores.</param>
    /// <returns>A connection string like <see cref="ConnectionString"/> with that database selected.</returns>
    /// <exception cref="ArgumentException">The name has other characters or is too long.</exception>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Checked rather than escaped, so that the name can go into DDL, which takes no parameters.
        if (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException(
                $"Database name '{name}' must be at most 64 letters, digits or underscores.", nameof(name));
        }

        var connection = new MySqlConnection(ConnectionString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);

            var command = connection.CreateCommand();

            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"DROP DATABASE IF EXISTS `{name}`; CREATE DATABASE `{name}`;";
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }

        return new MySqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Kills the server with SIGKILL, as a crash or a pulled plug would, and waits until it has exited.
    /// </summary>
    /// <returns>A task that completes once the process is gone.</returns>
    /// <exception cref="InvalidOperationException">The server is external, or is not running.</exception>
    public async Task StopAsync()
    {
        ThrowIfExternal("stopped");

        var server = _server ?? throw new InvalidOperationException("The MariaDB server is not running.");
        _server = null;

        await server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the server again on the same data folder and port, after <see cref="StopAsync"/>.
    /// </summary>
    /// <returns>A task that completes once the server accepts connections again.</returns>
    /// <exception cref="InvalidOperationException">The server is external, or is already running.</exception>
    public async Task StartAsync()
    {
        ThrowIfExternal("started");

        if (_server is not null)
        {
            throw new InvalidOperationException("The MariaDB server is already running.");
        }

        await StartServerAsync().ConfigureAwait(false);
    }

    /// <summary>Kills the server the fixture started and deletes its data folder.</summary>
    /// <returns>A task that completes once everything is released.</returns>
    public async Task DisposeAsync()
    {
        // The field is cleared as it is released, because the runner may dispose a fixture twice.
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

    private static bool RunsAsRoot() => Environment.IsPrivilegedProcess;

    private string DataDirectory => Path.Combine(_directory!, "data");

    private async Task InitializeServerAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);

        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = new MySqlConnectionStringBuilder(external)
            {
                AllowLoadLocalInfile = true,
                AllowUserVariables = true,
            }.ConnectionString;

            await Poll.UntilAsync(AcceptsConnectionsAsync, StartTimeout, "the external MariaDB server to accept " +
                $"connections ({ExternalServerVariable})").ConfigureAwait(false);

            return;
        }

        var installer = ServerProcess.FindExecutable("mariadb-install-db")
            ?? throw new InvalidOperationException($"mariadb-install-db {NotInstalled}");
        _serverExecutable = ServerProcess.FindExecutable("mariadbd")
            ?? throw new InvalidOperationException($"mariadbd {NotInstalled}");
        _directory = Directory.CreateTempSubdirectory("scheduler-mariadb-").FullName;
        _port = LoopbackPort.PickFree();
        ConnectionString = new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)_port,
            UserID = "root",
            Password = string.Empty,
            AllowLoadLocalInfile = true,
            AllowUserVariables = true,
        }.ConnectionString;

        await InstallAsync(installer).ConfigureAwait(false);

        await StartServerAsync().ConfigureAwait(false);
    }

    private async Task InstallAsync(string installer)
    {
        List<string> arguments =
        [
            // No option files: the host's my.cnf would point logs, sockets and ports at the system's server.
            "--no-defaults",
            $"--datadir={DataDirectory}",

            // Gives root an empty password for 127.0.0.1 too, instead of unix-socket authentication only.
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ];

        if (RunsAsRoot())
        {
            // mariadbd refuses to run as root, so the files must belong to the user it switches to.
            await ServerProcess.RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", _directory!], InstallTimeout)
                .ConfigureAwait(false);
            arguments.Add($"--user={ServiceUser}");
        }

        await ServerProcess.RunAsync(installer, arguments, InstallTimeout).ConfigureAwait(false);
    }

    private async Task StartServerAsync()
    {
        var port = _port.ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "--no-defaults",
            $"--datadir={DataDirectory}",
            $"--socket={Path.Combine(_directory!, "mariadbd.sock")}",
            $"--pid-file={Path.Combine(_directory!, "mariadbd.pid")}",
            $"--port={port}",
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            .. ServerOptions,
        ];

        if (RunsAsRoot())
        {
            arguments.Add($"--user={ServiceUser}");
        }

        var server = ServerProcess.Start(_serverExecutable!, arguments);
        Exception? timeout = null;

        try
        {
            await Poll.UntilAsync(
                async () => server.HasExited || await AcceptsConnectionsAsync().ConfigureAwait(false),
                StartTimeout,
                $"mariadbd to accept connections on port {port}").ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            timeout = ex;
        }

        if (timeout is not null || server.HasExited)
        {
            await server.DisposeAsync().ConfigureAwait(false);

            throw new InvalidOperationException(
                $"mariadbd did not start on port {port}. Its output ends with:" +
                $"{Environment.NewLine}{server.OutputTail}",
                timeout);
        }

        _server = server;
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        // Unpooled, so that every probe opens a new connection rather than reusing one to a server now dead.
        var probeString = new MySqlConnectionStringBuilder(ConnectionString)
        {
            Pooling = false,
            ConnectionTimeout = 2,
        }.ConnectionString;
        var connection = new MySqlConnection(probeString);

        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await connection.PingAsync().ConfigureAwait(false);
        }

        return true;
    }

    private void ThrowIfExternal(string action)
    {
        if (IsExternal)
        {
            throw new InvalidOperationException(
                $"The MariaDB server comes from {ExternalServerVariable}; only a server the fixture started can be " +
                $"{action}.");
        }
    }
}
