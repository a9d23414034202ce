namespace Scheduler.Client.Connection;

/// <summary>The cluster could not be reached: reported as one line naming the address and exit code 1.</summary>
public sealed class ClusterUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnreachableException()
    {
    }

    /// <summary>Creates the exception with the line to show.</summary>
    public ClusterUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the line to show and its cause.</summary>
    public ClusterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
