namespace Scheduler.Client.Tests;

/// <summary>Every client test class shares one cluster and its redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
