using Xunit;

namespace Scheduler.Testing.Tests;

/// <summary>Tests that share one <see cref="MariaDbFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "mariadb";
}
