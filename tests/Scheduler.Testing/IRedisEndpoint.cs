using StackExchange.Redis;

namespace Scheduler.Testing;

/// <summary>
/// A running server that speaks the Redis protocol, so the same test can be run against Redis and Garnet.
/// </summary>
public interface IRedisEndpoint
{
    /// <summary>Gets the kind of server: <c>"redis"</c> or <c>"garnet"</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Gets a StackExchange.Redis configuration string for the server,
    /// e.g. <c>127.0.0.1:6379,allowAdmin=true,abortConnect=false</c>.
    /// </summary>
    string ConnectionString { get; }

    /// <summary>Gets a connected multiplexer shared by every test that uses this endpoint.</summary>
    IConnectionMultiplexer Connection { get; }
}
