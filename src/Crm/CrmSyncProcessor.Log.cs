using Microsoft.Extensions.Logging;

namespace Scheduler.Crm;

public sealed partial class CrmSyncProcessor
{
    // Event ids 4000-4099 belong to the crm-sync processor.
    private static partial class Log
    {
        [LoggerMessage(4000, LogLevel.Information, "crm-sync: the target schema is in place")]
        public static partial void SchemaReady(ILogger logger);

        [LoggerMessage(4001, LogLevel.Debug,
            "Schedule {Schedule}: crm-sync wrote {Users} users and {Transactions} transactions, deleted {Deleted} "
            + "transactions; {Missing} users missing from legacy")]
        public static partial void BatchSynced(ILogger logger, string schedule, int users, int transactions,
            int deleted, int missing);

        [LoggerMessage(4002, LogLevel.Warning,
            "Schedule {Schedule}: crm-sync batch of {Users} users failed and wrote nothing; it will be retried")]
        public static partial void BatchFailed(ILogger logger, Exception exception, string schedule, int users);

        [LoggerMessage(4003, LogLevel.Information,
            "crm-sync: {Users} users' copies held another number of transactions than the legacy data; copied "
            + "them whole and deleted {Deleted} transactions the legacy data no longer has")]
        public static partial void CopiesDrifted(ILogger logger, int users, int deleted);
    }
}
