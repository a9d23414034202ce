using Scheduler.Testing;

namespace Scheduler.Reliability.Tests;

/// <summary>
/// Every reliability scenario shares one real redis-server with AOF <c>everysec</c>, as in production; scenarios
/// run one at a time, since one of them kills that server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
