using StatusColumn.Baseline;

namespace Scheduler.Bench.Compare;

/// <summary>One setting of the status-column baseline tried while tuning it, with its CRM cycle.</summary>
internal sealed record BaselineTuning(StatusColumnSettings Settings, DesignRun Run, StatusColumnCycle Cycle);
