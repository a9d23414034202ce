namespace Scheduler.Crm;

/// <summary>What the target's <c>sync_state</c> holds for a user synced before.</summary>
/// <param name="Watermark">
/// The legacy clock at the last sync that read something for the user; null if unknown.
/// </param>
/// <param name="TransactionCount">
/// How many transaction copies the target held for the user when it was last counted; null if never counted.
/// </param>
internal sealed record TargetUserState(DateTime? Watermark, long? TransactionCount);
