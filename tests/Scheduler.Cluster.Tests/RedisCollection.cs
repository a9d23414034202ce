using Scheduler.Testing;

namespace Scheduler.Cluster.Tests;

/// <summary>Every cluster test class shares one real redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
