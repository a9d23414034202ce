using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisRingModelTests(RedisServerFixture redis) : RingModelTests(redis);
