using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisRingEngineTests(RedisServerFixture redis) : RingEngineTests(redis);
