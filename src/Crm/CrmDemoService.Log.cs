using Microsoft.Extensions.Logging;

namespace Scheduler.Crm;

internal sealed partial class CrmDemoService
{
    // Event ids 4010-4019 belong to the crm-sync demo.
    private static partial class Log
    {
        [LoggerMessage(4010, LogLevel.Information,
            "crm-sync demo: legacy SQLite file {Path} ready (seeded now: {Seeded}); this demo is for development")]
        public static partial void Seeded(ILogger logger, string path, bool seeded);

        [LoggerMessage(4011, LogLevel.Information,
            "crm-sync demo: {Count} legacy users enrolled in schedule {Schedule}")]
        public static partial void Enrolled(ILogger logger, int count, string schedule);

        [LoggerMessage(4012, LogLevel.Warning, "crm-sync demo: preparing failed (attempt {Attempt} of {Attempts})")]
        public static partial void PrepareRetry(ILogger logger, Exception exception, int attempt, int attempts);

        [LoggerMessage(4013, LogLevel.Error, "crm-sync demo: preparing failed; the demo schedule has no users")]
        public static partial void PrepareFailed(ILogger logger, Exception exception);

        [LoggerMessage(4014, LogLevel.Debug, "crm-sync demo: legacy activity wrote {Rows} rows")]
        public static partial void Activity(ILogger logger, int rows);

        [LoggerMessage(4015, LogLevel.Warning, "crm-sync demo: a round of legacy activity failed")]
        public static partial void ActivityFailed(ILogger logger, Exception exception);
    }
}
