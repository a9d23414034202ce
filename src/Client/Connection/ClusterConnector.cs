using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Scheduler.Client.Connection;

/// <summary>Connects an Orleans client to the cluster the settings describe, or fails within a bound time.</summary>
public static class ClusterConnector
{
    private const string HowToSet =
        "Set --gateway host:port (or Orleans:Gateway), or --redis with --cluster-id and --service-id "
        + "(or ConnectionStrings:Redis, Orleans:ClusterId and Orleans:ServiceId).";

    /// <summary>
    /// Connects; throws <see cref="ClusterUnreachableException"/>, whose message is one line naming the address
    /// tried and how to change it, when no gateway answers within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ClusterSession> ConnectAsync(
        ConnectionSettings settings,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var gateway = settings.Redis is null ? await ResolveGatewayAsync(settings).ConfigureAwait(false) : null;
        var redis = settings.Redis is null ? null : settings.RedisOptions();

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });

            if (redis is not null)
            {
                client.UseRedisClustering(options => options.ConfigurationOptions = redis);
            }
            else
            {
                client.UseStaticClustering(gateway!);
            }

            // Fail on the first refusal: the user gets the reason now rather than retries until the timeout.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
        });

        var host = builder.Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await host.StartAsync(deadline.Token).ConfigureAwait(false);
            return ClusterSession.Own(host.Services.GetRequiredService<IClusterClient>(), host);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var reason = ex is OperationCanceledException
                ? $"no answer within {timeout.TotalSeconds:0.#} s"
                : FirstLine(ex.GetBaseException().Message);
            throw new ClusterUnreachableException(
                $"Could not reach the cluster through {settings.Describe()}: {reason}. {HowToSet}", ex);
        }
    }

    private static async Task<IPEndPoint> ResolveGatewayAsync(ConnectionSettings settings)
    {
        var (host, port) = settings.GatewayEndpoint();
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);

            // The silo listens on IPv4 by default; prefer it when the name has both.
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new ClusterUnreachableException(
                    $"Could not reach the cluster through gateway {settings.Gateway}: the name has no address. "
                    + HowToSet);
            return new IPEndPoint(chosen, port);
        }
        catch (SocketException ex)
        {
            throw new ClusterUnreachableException(
                $"Could not reach the cluster through gateway {settings.Gateway}: {ex.Message}. {HowToSet}", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
