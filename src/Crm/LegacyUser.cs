namespace Scheduler.Crm;

/// <summary>A row of the <c>users</c> table, as read from the legacy database.</summary>
internal sealed record LegacyUser(long Id, string? Email, string? Name, DateTime? UpdatedAt);
