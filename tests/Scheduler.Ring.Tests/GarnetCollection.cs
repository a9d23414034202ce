using Scheduler.Testing;

namespace Scheduler.Ring.Tests;

/// <summary>Every test class of the collection shares one embedded Garnet server.</summary>
[CollectionDefinition(Name)]
public sealed class GarnetCollection : ICollectionFixture<GarnetServerFixture>
{
    public const string Name = "garnet";
}
