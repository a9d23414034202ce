namespace Scheduler.Client.Tests;

/// <summary>
/// The crm cluster over a legacy database of its own, which the test builds by hand the way another team would
/// have: the product never creates or seeds it.
/// </summary>
public sealed class ForeignLegacyClusterFixture() : CrmClusterFixture("client_foreign");
