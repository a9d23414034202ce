using MySqlConnector;

namespace Scheduler.Bench.Crm;

/// <summary>Changes 1% of the legacy transactions, spread over the users, as a legacy writer would.</summary>
internal static class LegacyChange
{
    // The legacy server's own clock, not a fixed date: a date in the future would leave every later change
    // behind the watermark it set, so a second change made this way would never be read.
    private const string Update =
        "UPDATE transactions SET amount = amount + 1, updated_at = NOW(6) WHERE id % 100 = 0";

    /// <summary>Updates every hundredth transaction; returns how many rows changed.</summary>
    /// <param name="legacyAdmin">The legacy database, through an account allowed to write it.</param>
    public static async Task<long> OnePercentAsync(string legacyAdmin)
    {
        await using var connection = new MySqlConnection(legacyAdmin);
        await connection.OpenAsync();

        await using var command = new MySqlCommand(Update, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync();
    }
}
