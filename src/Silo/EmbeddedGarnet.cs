using System.Globalization;
using Garnet;

namespace Scheduler.Silo;

/// <summary>
/// Runs Microsoft Garnet in process on loopback for the embedded development mode. Registered before the silo so
/// it starts first and, hosted services stopping in reverse order, stops last.
/// </summary>
internal sealed class EmbeddedGarnet(int port, ILogger<EmbeddedGarnet> logger) : IHostedService, IDisposable
{
    private GarnetServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);

        // Lua is required: every multi-key ring operation is a script.
        _server = new GarnetServer(["--port", portText, "--bind", "127.0.0.1", "--lua"]);
        _server.Start();

        SiloLog.EmbeddedMode(logger, port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
    }
}
