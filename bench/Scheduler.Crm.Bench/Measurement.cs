namespace Scheduler.Crm.Bench;

/// <summary>How long a step took on the wall clock, and the CPU time it used in this process and MariaDB.</summary>
internal sealed record Measurement(TimeSpan Wall, TimeSpan Cpu);
