using Scheduler.Testing;

namespace Scheduler.Crm.Tests;

/// <summary>Tests that share one <see cref="MariaDbFixture"/>; they run one at a time, so outages are safe.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "mariadb";
}
