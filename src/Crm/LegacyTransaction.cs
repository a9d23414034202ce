namespace Scheduler.Crm;

/// <summary>A row of the <c>transactions</c> table, as read from the legacy database.</summary>
internal sealed record LegacyTransaction(
    long Id,
    long UserId,
    decimal? Amount,
    string? Currency,
    string? Status,
    DateTime? CreatedAt,
    DateTime? UpdatedAt);
