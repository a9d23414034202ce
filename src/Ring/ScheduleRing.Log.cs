using Microsoft.Extensions.Logging;

namespace Scheduler.Ring;

public sealed partial class ScheduleRing
{
    // Event ids 1000-1099 belong to the ring engine.
    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Debug,
            "Redis did not have the {Script} script of schedule {Schedule} (first use, restart or SCRIPT FLUSH); "
            + "sent it whole")]
        public static partial void ScriptReloaded(ILogger logger, string script, string schedule);

        [LoggerMessage(1001, LogLevel.Information, "Schedule {Schedule} finished cycle {Cycle}")]
        public static partial void CycleEnded(ILogger logger, string schedule, long cycle);

        [LoggerMessage(1002, LogLevel.Debug,
            "Schedule {Schedule} leased {Count} ids in {Batches} batches ({ReLeased} re-leased after their lease "
            + "ran out)")]
        public static partial void Claimed(ILogger logger, string schedule, int count, int batches, int reLeased);

        [LoggerMessage(1003, LogLevel.Debug,
            "Schedule {Schedule} completed batch {BatchId}: {Processed} processed, {Retrying} retrying, "
            + "{Parked} parked")]
        public static partial void Completed(ILogger logger, string schedule, long batchId, int processed, int retrying,
            int parked);

        [LoggerMessage(1004, LogLevel.Warning,
            "Schedule {Schedule} parked {Parked} ids of batch {BatchId} after repeated failures")]
        public static partial void Parked(ILogger logger, string schedule, long batchId, int parked);

        [LoggerMessage(1005, LogLevel.Debug,
            "Schedule {Schedule} ignored the completion of batch {BatchId}: it was no longer leased")]
        public static partial void StaleCompletion(ILogger logger, string schedule, long batchId);

        [LoggerMessage(1006, LogLevel.Warning,
            "Schedule {Schedule} ring repaired: {Missing} missing ids restored, {Foreign} foreign entries, "
            + "{Duplicates} duplicates and {MarkersRemoved} extra markers removed, {MarkersAdded} markers added")]
        public static partial void Repaired(ILogger logger, string schedule, long missing, long foreign,
            long duplicates, long markersAdded, long markersRemoved);
    }
}
