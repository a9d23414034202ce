using System.Net;
using System.Net.Sockets;

namespace Scheduler.Testing;

/// <summary>Finds TCP ports on the loopback interface for servers started by the fixtures.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// Returns a port that was free a moment ago, chosen by the operating system.
    /// </summary>
    /// <remarks>
    /// The port is released before it is returned, so another process could take it first;
    /// a server that then fails to bind shows that in the fixture's start error.
    /// </remarks>
    /// <returns>A TCP port number on 127.0.0.1.</returns>
    public static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        return port;
    }
}
