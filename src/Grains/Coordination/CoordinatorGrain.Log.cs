using Microsoft.Extensions.Logging;

namespace Scheduler.Grains.Coordination;

public sealed partial class CoordinatorGrain
{
    // Event ids 2000-2099 belong to the coordinator.
    private static partial class Log
    {
        [LoggerMessage(2000, LogLevel.Information, "Coordinator of schedule {Schedule} active, ticking every {Tick}")]
        public static partial void Activated(ILogger logger, string schedule, TimeSpan tick);

        [LoggerMessage(2001, LogLevel.Information, "Schedule {Schedule}: cycle {Cycle} forced")]
        public static partial void Forced(ILogger logger, string schedule, long cycle);

        [LoggerMessage(2002, LogLevel.Debug, "Schedule {Schedule}: dispatched {Batches} batches over {Silos} silos")]
        public static partial void Dispatched(ILogger logger, string schedule, int batches, int silos);
    }
}
