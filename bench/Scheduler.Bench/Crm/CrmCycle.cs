using Scheduler.Bench.Infrastructure;

namespace Scheduler.Bench.Crm;

/// <summary>One timed cycle over every user.</summary>
/// <param name="Elapsed">From the first batch handed out to the last one finished.</param>
/// <param name="Cpu">CPU time of this process and the servers it started (MariaDB, Redis) over the cycle.</param>
internal sealed record CrmCycle(TimeSpan Elapsed, CpuSample Cpu);
