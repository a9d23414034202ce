namespace Scheduler.Crm;

/// <summary>What one batch wrote to the target.</summary>
/// <param name="Users">User rows written.</param>
/// <param name="Transactions">Transaction rows written.</param>
/// <param name="Deleted">Transaction rows deleted because the legacy data no longer has them.</param>
/// <param name="Reconciled">Users whose transaction count differed from the legacy one and were copied whole.</param>
internal sealed record TargetWrite(int Users, int Transactions, int Deleted, int Reconciled);
