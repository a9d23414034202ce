using System.Diagnostics;
using MySqlConnector;

namespace Scheduler.Bench.Compare;

/// <summary>
/// Counts the load one run puts on the legacy database from MariaDB's own per-account statistics
/// (<c>information_schema.USER_STATISTICS</c>, on with <c>userstat</c>), so that the product and the baseline are
/// counted the same way, whatever their code does; sampled every second for the peak rate.
/// </summary>
/// <remarks>Only the legacy account's statements count, and the samples are read with another account.</remarks>
internal sealed class LegacyMonitor : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _adminConnectionString;
    private readonly string _account;
    private readonly CancellationTokenSource _stop = new();
    private (long Queries, long Rows) _start;
    private Task<double>? _sampler;

    private LegacyMonitor(string adminConnectionString, string account)
    {
        _adminConnectionString = adminConnectionString;
        _account = account;
    }

    /// <summary>Takes the first reading and starts sampling.</summary>
    public static async Task<LegacyMonitor> StartAsync(string adminConnectionString, string account)
    {
        var monitor = new LegacyMonitor(adminConnectionString, account);
        monitor._start = await monitor.ReadAsync(CancellationToken.None);
        monitor._sampler = monitor.SampleAsync(monitor._start);
        return monitor;
    }

    /// <summary>Turns the server's per-account statistics on; they count from then on.</summary>
    public static async Task EnableAsync(string adminConnectionString)
    {
        await using var connection = new MySqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SET GLOBAL userstat = 1", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops sampling and returns what the run cost since <see cref="StartAsync"/>.</summary>
    public async Task<LegacyLoad> StopAsync()
    {
        await _stop.CancelAsync();
        var peak = await _sampler!;
        var end = await SettledReadAsync();
        return new LegacyLoad(end.Queries - _start.Queries, end.Rows - _start.Rows, peak);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampler is not null)
        {
            await _sampler.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
    }

    // The server adds a statement to the account's figures just after it answers the client, so the last statement
    // of a run can be missing from a reading taken at once; the figures are read until they stop moving.
    private async Task<(long Queries, long Rows)> SettledReadAsync()
    {
        var reading = await ReadAsync(CancellationToken.None);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(SettleInterval);
            var next = await ReadAsync(CancellationToken.None);
            if (next == reading)
            {
                break;
            }

            reading = next;
        }

        return reading;
    }

    private async Task<double> SampleAsync((long Queries, long Rows) first)
    {
        var peak = 0.0;
        var previous = first.Queries;
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                await Task.Delay(Interval, _stop.Token);
                var now = await ReadAsync(_stop.Token);
                var seconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                peak = Math.Max(peak, (now.Queries - previous) / seconds);
                previous = now.Queries;
            }
        }
        catch (OperationCanceledException)
        {
            // A run shorter than one window has no full window; its rate is its total over its length.
            return peak > 0 ? peak : (await ReadAsync(CancellationToken.None)).Queries - first.Queries;
        }
    }

    private async Task<(long Queries, long Rows)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(_adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS, ROWS_INSERTED + ROWS_UPDATED + ROWS_DELETED " +
            "FROM information_schema.USER_STATISTICS WHERE USER = @account", connection);
        command.Parameters.AddWithValue("@account", _account);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture))
            : (0, 0);
    }
}
