using Xunit;

namespace Scheduler.Testing.Tests;

/// <summary>Tests that share one <see cref="GarnetServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GarnetCollection : ICollectionFixture<GarnetServerFixture>
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "garnet";
}
