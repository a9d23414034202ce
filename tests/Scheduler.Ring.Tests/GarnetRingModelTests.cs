using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

[Collection(GarnetCollection.Name)]
public sealed class GarnetRingModelTests(GarnetServerFixture garnet) : RingModelTests(garnet);
