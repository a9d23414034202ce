namespace Scheduler.Silo;

/// <summary>Redis, which holds the cluster's membership, did not answer at start-up.</summary>
public sealed class RedisUnavailableException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public RedisUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public RedisUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RedisUnavailableException()
    {
    }
}
