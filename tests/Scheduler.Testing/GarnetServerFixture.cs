using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Garnet;
using StackExchange.Redis;
using Xunit;

namespace Scheduler.Testing;

/// <summary>
/// An embedded Garnet server, run in the test process on a free loopback port with Lua scripting enabled.
/// </summary>
/// <remarks>
/// xunit only finds collection definitions in the test assembly, so each test project declares its own:
/// <code>
/// [CollectionDefinition("garnet")]
/// public sealed class GarnetCollection : ICollectionFixture&lt;GarnetServerFixture&gt;;
/// </code>
/// and its test classes take the fixture in their constructor under <c>[Collection("garnet")]</c>.
/// </remarks>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit releases fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class GarnetServerFixture : IRedisEndpoint, IAsyncLifetime
{
    private GarnetServer? _server;
    private ConnectionMultiplexer? _connection;

    /// <inheritdoc />
    public string Name => "garnet";

    /// <inheritdoc />
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public IConnectionMultiplexer Connection =>
        _connection ?? throw new InvalidOperationException("The Garnet fixture has not been initialized.");

    /// <summary>Starts Garnet and connects <see cref="Connection"/>.</summary>
    /// <returns>A task that completes once the server answers PING.</returns>
    public async Task InitializeAsync()
    {
        var port = LoopbackPort.PickFree().ToString(CultureInfo.InvariantCulture);
        ConnectionString = $"127.0.0.1:{port},allowAdmin=true,abortConnect=false";

        try
        {
            _server = new GarnetServer(["--port", port, "--bind", "127.0.0.1", "--lua"]);
            _server.Start();

            _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString).ConfigureAwait(false);

            await _connection.GetDatabase().PingAsync().ConfigureAwait(false);
        }
        catch
        {
            // A failed start must not leave a server listening, whether or not the runner disposes the fixture.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the connection and stops the embedded server.</summary>
    /// <returns>A task that completes once both are released.</returns>
    public async Task DisposeAsync()
    {
        // Fields are cleared as they are released, because the runner may dispose a fixture twice.
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        _server?.Dispose();
        _server = null;
    }
}
