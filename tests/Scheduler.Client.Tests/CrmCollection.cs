namespace Scheduler.Client.Tests;

/// <summary>The tests of the CRM verbs and of <c>crm-sync</c> end to end share one MariaDB and one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class CrmCollection : ICollectionFixture<CrmClusterFixture>
{
    public const string Name = "crm";
}
