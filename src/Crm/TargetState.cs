namespace Scheduler.Crm;

/// <summary>What the target holds for a batch before it is synced.</summary>
/// <param name="Users">The sync state of every user of the batch synced before.</param>
/// <param name="CopiedVersions">
/// The <c>updated_at</c> of every copied transaction inside those users' re-read windows, by transaction id.
/// </param>
internal sealed record TargetState(
    Dictionary<long, TargetUserState> Users,
    Dictionary<long, DateTime?> CopiedVersions);
