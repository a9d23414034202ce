using System.Globalization;
using Scheduler.Testing;
using StackExchange.Redis;

namespace Scheduler.Bench.Infrastructure;

/// <summary>
/// A server a benchmark runs against: a <c>redis-server</c> it started, an embedded Garnet, or one named on the
/// command line. Disposing it stops what it started and nothing else.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Func<ValueTask>? _stop;
    private readonly string? _directory;

    private BenchServer(string kind, string host, int port, ConnectionMultiplexer connection,
        Func<ValueTask>? stop, string? directory)
    {
        Kind = kind;
        Host = host;
        Port = port;
        Connection = connection;
        _stop = stop;
        _directory = directory;
    }

    /// <summary><c>redis</c>, <c>garnet</c>, or <c>external</c>.</summary>
    public string Kind { get; }

    /// <summary>The host to reach the server on.</summary>
    public string Host { get; }

    /// <summary>The server's TCP port.</summary>
    public int Port { get; }

    /// <summary>A connection to the server with admin commands allowed.</summary>
    public ConnectionMultiplexer Connection { get; }

    /// <summary>The server's only endpoint, for INFO and CONFIG.</summary>
    public IServer Admin => Connection.GetServer(Connection.GetEndPoints()[0]);

    /// <summary>
    /// Starts <c>redis-server</c> on a free loopback port with persistence off, so that the figures are the cost
    /// of the commands and scripts, not of the disk.
    /// </summary>
    public static async Task<BenchServer> StartRedisAsync()
    {
        var executable = ServerProcess.FindExecutable("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed (apt package redis-server).");
        var directory = Directory.CreateTempSubdirectory("scheduler-bench-redis-").FullName;
        var port = LoopbackPort.PickFree();
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", directory,
            "--appendonly", "no",
            "--save", string.Empty,
            "--daemonize", "no",
        ];
        var process = ServerProcess.Start(executable, arguments);

        try
        {
            var connection = await ConnectWhenReadyAsync("127.0.0.1", port, () => process.HasExited);
            return new BenchServer("redis", "127.0.0.1", port, connection, process.DisposeAsync, directory);
        }
        catch (Exception e) when (e is TimeoutException or RedisException)
        {
            var tail = process.OutputTail;
            await process.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"redis-server did not start on port {port}:\n{tail}", e);
        }
    }

    /// <summary>Starts Garnet inside this process, through the test fixture, with Lua enabled.</summary>
    public static async Task<BenchServer> StartGarnetAsync()
    {
        var fixture = new GarnetServerFixture();
        await fixture.InitializeAsync();

        var options = ConfigurationOptions.Parse(fixture.ConnectionString);
        var endpoint = (System.Net.IPEndPoint)options.EndPoints[0];
        var connection = await ConnectWhenReadyAsync("127.0.0.1", endpoint.Port, () => false);
        return new BenchServer("garnet", "127.0.0.1", endpoint.Port, connection,
            async () => await fixture.DisposeAsync(), null);
    }

    /// <summary>Connects to a server someone else runs, given as <c>HOST:PORT</c>.</summary>
    public static async Task<BenchServer> ConnectAsync(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(hostAndPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture,
                out var port))
        {
            throw new ArgumentException($"--redis must be HOST:PORT, not '{hostAndPort}'.", nameof(hostAndPort));
        }

        var host = hostAndPort[..colon];
        var connection = await ConnectWhenReadyAsync(host, port, () => false);
        return new BenchServer("external", host, port, connection, null, null);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (_stop is not null)
        {
            await _stop();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectWhenReadyAsync(string host, int port, Func<bool> died)
    {
        var configuration = $"{host}:{port.ToString(CultureInfo.InvariantCulture)},allowAdmin=true," +
            "abortConnect=false,syncTimeout=60000,asyncTimeout=60000";

        await Poll.UntilAsync(
            async () =>
            {
                if (died())
                {
                    throw new InvalidOperationException("the server exited");
                }

                var probe = ConfigurationOptions.Parse(configuration);
                probe.AbortOnConnectFail = true;
                probe.ConnectRetry = 0;
                await using var connection = await ConnectionMultiplexer.ConnectAsync(probe);
                await connection.GetDatabase().PingAsync();
                return true;
            },
            StartTimeout,
            $"the server on {host}:{port} to answer PING");

        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }
}
