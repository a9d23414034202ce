using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Scheduler.Client.Connection;

/// <summary>
/// How the client finds the cluster: the same settings as the silo (<c>ConnectionStrings:Redis</c>,
/// <c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>) or, without Redis, a gateway (<c>Orleans:Gateway</c>).
/// </summary>
public sealed record ConnectionSettings
{
    /// <summary>The gateway used when neither Redis nor a gateway is configured: the embedded silo's.</summary>
    public const string DefaultGateway = "localhost:30000";

    /// <summary>The StackExchange.Redis configuration string of Redis clustering, if any.</summary>
    public string? Redis { get; init; }

    /// <summary>The gateway's host:port, used when <see cref="Redis"/> is not set.</summary>
    public string Gateway { get; init; } = DefaultGateway;

    /// <summary>The cluster's id; matches the silo's default.</summary>
    public string ClusterId { get; init; } = "scheduler";

    /// <summary>The service's id; matches the silo's default.</summary>
    public string ServiceId { get; init; } = "orleans-scheduler";

    /// <summary>
    /// Reads the settings from configuration, then lets the command-line values (when given) override them.
    /// </summary>
    public static ConnectionSettings Resolve(
        IConfiguration configuration,
        string? redis,
        string? gateway,
        string? clusterId,
        string? serviceId)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        if (!string.IsNullOrWhiteSpace(redis) && !string.IsNullOrWhiteSpace(gateway))
        {
            throw new UsageException("Give either --redis or --gateway, not both.");
        }

        // An explicit --gateway means "talk to this gateway", even when the environment configures Redis.
        var configuredRedis = string.IsNullOrWhiteSpace(gateway) ? configuration.GetConnectionString("Redis") : null;
        var settings = new ConnectionSettings
        {
            Redis = NullIfBlank(redis) ?? NullIfBlank(configuredRedis),
            Gateway = NullIfBlank(gateway) ?? NullIfBlank(configuration["Orleans:Gateway"]) ?? DefaultGateway,
            ClusterId = NullIfBlank(clusterId) ?? NullIfBlank(configuration["Orleans:ClusterId"]) ?? "scheduler",
            ServiceId = NullIfBlank(serviceId) ?? NullIfBlank(configuration["Orleans:ServiceId"])
                ?? "orleans-scheduler",
        };

        settings.Check();
        return settings;
    }

    /// <summary>Where the client looks for the cluster, for messages; never shows a password.</summary>
    public string Describe() => Redis is null
        ? $"gateway {Gateway}"
        : $"Redis clustering at {string.Join(", ", RedisOptions().EndPoints.Select(Format))} "
          + $"(cluster id {ClusterId}, service id {ServiceId})";

    /// <summary>The parsed Redis configuration; throws <see cref="UsageException"/> when it does not parse.</summary>
    public ConfigurationOptions RedisOptions()
    {
        try
        {
            return ConfigurationOptions.Parse(Redis ?? "");
        }
        catch (ArgumentException ex)
        {
            // The parser's message may quote the string, password included.
            throw new UsageException("The Redis connection string (--redis or ConnectionStrings:Redis) is not "
                + "a valid StackExchange.Redis configuration string.", ex);
        }
    }

    /// <summary>Splits <see cref="Gateway"/> into host and port.</summary>
    public (string Host, int Port) GatewayEndpoint()
    {
        var colon = Gateway.LastIndexOf(':');
        if (colon <= 0 || colon == Gateway.Length - 1
            || !int.TryParse(Gateway.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new UsageException(
                $"The gateway \"{Gateway}\" is not host:port with a port from 1 to 65535 "
                + "(--gateway or Orleans:Gateway).");
        }

        return (Gateway[..colon].Trim('[', ']'), port);
    }

    private void Check()
    {
        if (Redis is null)
        {
            GatewayEndpoint();
        }
        else if (RedisOptions().EndPoints.Count == 0)
        {
            throw new UsageException("The Redis connection string (--redis or ConnectionStrings:Redis) names no "
                + "server.");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Format(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        _ => endPoint.ToString() ?? "",
    };
}
