namespace Scheduler.Crm;

/// <summary>What one read-only legacy transaction saw for a batch.</summary>
/// <param name="Clock">The legacy server's clock, read before anything else: the users' next watermark.</param>
/// <param name="Users">The batch's users that exist in the legacy data, by id.</param>
/// <param name="Transactions">
/// Every transaction of the never-synced users, and those of the synced users changed since their watermark.
/// </param>
/// <param name="Counts">How many transactions each user has in the legacy data; a user with none is absent.</param>
internal sealed record LegacySnapshot(
    DateTime Clock,
    Dictionary<long, LegacyUser> Users,
    List<LegacyTransaction> Transactions,
    Dictionary<long, long> Counts);
