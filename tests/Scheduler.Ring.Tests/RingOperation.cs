namespace Scheduler.Ring.Tests;

/// <summary>One step of a random sequence: what to do, to which ids, with two small numbers as parameters.</summary>
public sealed record RingOperation(OperationKind Kind, string[] Ids, int First, int Second)
{
    public override string ToString() => Kind switch
    {
        OperationKind.Claim => $"Claim(max {First}, batch {Second})",
        OperationKind.Acknowledge => $"Acknowledge(batch #{First})",
        OperationKind.Fail => $"Fail(batch #{First}, mask {Second})",
        OperationKind.Advance => $"Advance({First} ms)",
        _ => $"{Kind}({string.Join(",", Ids)})",
    };
}
