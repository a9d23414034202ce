using Microsoft.Extensions.Hosting;

namespace Scheduler.Client.Connection;

/// <summary>A connection to the cluster for the length of one verb; disposing it closes what it opened.</summary>
public sealed class ClusterSession : IAsyncDisposable
{
    private readonly IHost? _host;

    private ClusterSession(IGrainFactory grains, IHost? host)
    {
        Grains = grains;
        _host = host;
    }

    /// <summary>The grains of the cluster.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>A session over a client the caller owns; disposing the session leaves the client alone.</summary>
    public static ClusterSession Borrow(IGrainFactory grains) => new(grains, null);

    /// <summary>A session that owns the host of its client and stops it when disposed.</summary>
    internal static ClusterSession Own(IGrainFactory grains, IHost host) => new(grains, host);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A gateway that vanished can make a graceful close hang; the process is ending anyway.
        }

        _host.Dispose();
    }
}
