namespace Scheduler.Silo;

/// <summary>The silo host's log messages.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(1, LogLevel.Warning,
        "Embedded mode (no ConnectionStrings:Redis): Garnet on 127.0.0.1:{Port}, localhost clustering and "
        + "in-memory reminders. This mode is for development only.")]
    public static partial void EmbeddedMode(ILogger logger, int port);

    [LoggerMessage(2, LogLevel.Information, "Clustering and reminders on Redis {Endpoints}.")]
    public static partial void RedisMode(ILogger logger, string endpoints);

    [LoggerMessage(3, LogLevel.Information, "Started the coordinator of schedule {Schedule}.")]
    public static partial void CoordinatorStarted(ILogger logger, string schedule);

    [LoggerMessage(6, LogLevel.Information, "Kubernetes hosting enabled (KUBERNETES_SERVICE_HOST is set).")]
    public static partial void KubernetesHosting(ILogger logger);

    [LoggerMessage(7, LogLevel.Warning,
        "Redis at {Endpoints} does not answer yet ({Reason}); the silo joins the cluster once it does.")]
    public static partial void WaitingForRedis(ILogger logger, string endpoints, string reason);

    [LoggerMessage(8, LogLevel.Warning,
        "The coordinator of schedule {Schedule} did not answer a keep-alive call; the next one retries.")]
    public static partial void CoordinatorKeepAliveFailed(ILogger logger, Exception exception, string schedule);
}
