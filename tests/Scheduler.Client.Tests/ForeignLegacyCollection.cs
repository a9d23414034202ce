namespace Scheduler.Client.Tests;

/// <summary>The end-to-end sync of a legacy database the product did not create has a cluster of its own.</summary>
[CollectionDefinition(Name)]
public sealed class ForeignLegacyCollection : ICollectionFixture<ForeignLegacyClusterFixture>
{
    public const string Name = "foreign-legacy";
}
