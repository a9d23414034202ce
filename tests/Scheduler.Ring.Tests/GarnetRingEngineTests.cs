using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

[Collection(GarnetCollection.Name)]
public sealed class GarnetRingEngineTests(GarnetServerFixture garnet) : RingEngineTests(garnet);
