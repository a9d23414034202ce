namespace Scheduler.Client;

/// <summary>The exit codes of the <c>scheduler</c> console.</summary>
public static class ExitCodes
{
    /// <summary>The verb did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The verb failed, or found a problem (an unreachable cluster, <c>verify</c> finding a fault).</summary>
    public const int Failure = 1;

    /// <summary>The command line or the input was not valid; nothing was done.</summary>
    public const int Usage = 2;
}
