using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Scheduler.Crm;
using OpenTelemetry.Metrics;
using Scheduler.Grains;
using Scheduler.Grains.Coordination;
using Scheduler.Grains.Metrics;
using Scheduler.Grains.Options;
using Scheduler.Grains.Processors;
using StackExchange.Redis;

namespace Scheduler.Silo;

/// <summary>
/// Builds the silo host: Orleans with the scheduler's grains, Redis (or embedded Garnet), the health probes, the
/// Orleans Dashboard and the scheduler's metrics at <c>/metrics</c>.
/// </summary>
internal static class SiloApp
{
    private const string DefaultUrls = "http://localhost:8080";

    private const string RedisSetting = "ConnectionStrings:Redis";

    /// <summary>
    /// Builds the application; throws <see cref="OptionsValidationException"/> naming the setting when a setting is
    /// invalid.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;

        var cluster = StartupOptions.Load(configuration, SiloHostOptions.SectionName, new SiloHostOptionsValidator());

        var connectionString = configuration.GetConnectionString("Redis");
        var embeddedPort = string.IsNullOrWhiteSpace(connectionString)
            ? StartupOptions.Load(configuration, EmbeddedOptions.SectionName, new EmbeddedOptionsValidator())
                .GarnetPort
            : (int?)null;
        var redis = embeddedPort is { } port
            ? ConfigurationOptions.Parse(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"))
            : ParseRedis(connectionString!);

        // The silo must come up even while Redis is briefly away; readiness reports it instead.
        redis.AbortOnConnectFail = false;

        if (!HasUrls(configuration))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        if (embeddedPort is { } garnetPort)
        {
            // Registered before the silo so Garnet is listening before any grain needs it.
            builder.Services.AddHostedService(services =>
                new EmbeddedGarnet(garnetPort, services.GetRequiredService<ILogger<EmbeddedGarnet>>()));
        }

        builder.Services.AddScheduler(configuration);
        var crmSync = embeddedPort is not null && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Legacy"))
            ? CrmSyncSetup.AddDemo(builder.Services, configuration, cluster.SiloPort)
            : CrmSyncSetup.AddWhenUsed(builder.Services, configuration);
        builder.Services.AddScheduleRings(_ => ConnectionMultiplexer.Connect(redis.Clone()));
        builder.Services.AddSingleton<ReadinessProbe>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SchedulerMetrics.MeterName)
            .AddPrometheusExporter());

        if (embeddedPort is null)
        {
            builder.Services.AddHostedService<RedisStartupGate>();
        }

        var kubernetes = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"));
        builder.UseOrleans(silo =>
        {
            if (embeddedPort is null)
            {
                ConfigureRedisCluster(silo, cluster, redis);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId,
                    cluster.ClusterId);
                silo.UseInMemoryReminderService();
            }

            if (kubernetes)
            {
                silo.UseKubernetesHosting();
            }

            silo.AddDashboard();
        });

        // Registered after the silo, whose hosted service only finishes starting once the silo is active.
        builder.Services.AddHostedService<ScheduleStarter>();

        var app = builder.Build();
        ValidateNow<SchedulerOptions>(app.Services, SchedulerOptions.SectionName);
        ValidateNow<SimulatedProcessorOptions>(app.Services, SimulatedProcessorOptions.SectionName);
        if (crmSync)
        {
            ValidateNow<CrmSyncOptions>(app.Services, CrmSyncOptions.SectionName);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Scheduler.Silo");
        if (embeddedPort is null)
        {
            SiloLog.RedisMode(logger, string.Join(", ", redis.EndPoints.Select(Describe)));
        }

        if (kubernetes)
        {
            SiloLog.KubernetesHosting(logger);
        }

        MapEndpoints(app);
        return app;
    }

    private static void ConfigureRedisCluster(ISiloBuilder silo, SiloHostOptions cluster, ConfigurationOptions redis)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });

        if (string.IsNullOrWhiteSpace(cluster.AdvertisedIP))
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort);
        }
        else
        {
            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIP), cluster.SiloPort, cluster.GatewayPort,
                listenOnAnyHostAddress: true);
        }

        silo.UseRedisClustering(options => options.ConfigurationOptions = redis.Clone());
        silo.UseRedisReminderService(options => options.ConfigurationOptions = redis.Clone());
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/healthz", () => "ok");

        app.MapGet("/readyz", async (ReadinessProbe probe, CancellationToken cancellationToken) =>
        {
            var reason = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
            return reason is null
                ? Results.Text("ready")
                : Results.Text(reason, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        app.MapOrleansDashboard(routePrefix: "/dashboard");

        // The Prometheus text format at /metrics, scraped by Prometheus and read by the autoscaler's adapter.
        app.MapPrometheusScrapingEndpoint();
    }

    private static ConfigurationOptions ParseRedis(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message may quote the string, password included, so it is not passed on.
            throw new OptionsValidationException(RedisSetting, typeof(ConfigurationOptions),
                [$"{RedisSetting} is not a valid StackExchange.Redis configuration string."]);
        }
    }

    private static bool HasUrls(ConfigurationManager configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"]);

    private static void ValidateNow<T>(IServiceProvider services, string section)
        where T : class
    {
        // Reading the value runs the validators now, so a bad setting fails before anything starts listening.
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(section, typeof(T), [ex.Message]);
        }
    }

    private static string Describe(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
        _ => endPoint.ToString() ?? "",
    };
}
