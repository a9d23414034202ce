using Scheduler.Testing;

namespace Scheduler.Process.Tests;

/// <summary>Every process test class shares one real redis-server (with AOF, as in production).</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
