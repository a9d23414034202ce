using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

/// <summary>Every test class of the collection shares one real redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
