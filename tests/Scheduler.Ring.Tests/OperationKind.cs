namespace Scheduler.Ring.Tests;

/// <summary>The operations the model-based test draws from.</summary>
public enum OperationKind
{
    Enrol,
    Remove,
    Claim,
    Acknowledge,
    Fail,
    Advance,
    RefreshNow,
    Requeue,
}
