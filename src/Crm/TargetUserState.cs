namespace Scheduler.Crm;

/// <summary>What the target holds for a user before a sync: its watermark and its copy's <c>updated_at</c>.</summary>
/// <param name="Watermark">The largest legacy transaction <c>updated_at</c> copied so far; null if none.</param>
/// <param name="UserCopied">Whether the target holds a copy of the user row.</param>
/// <param name="UserUpdatedAt">The copy's <c>updated_at</c>.</param>
internal sealed record TargetUserState(DateTime? Watermark, bool UserCopied, DateTime? UserUpdatedAt);
